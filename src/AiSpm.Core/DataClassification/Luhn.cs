namespace AiSpm.Core.DataClassification;

/// <summary>The Luhn (mod 10) check used by payment card numbers and several national identification numbers.</summary>
public static class Luhn
{
    /// <summary>Whether <paramref name="digits"/> (ASCII digits only) ends in a valid Luhn check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
