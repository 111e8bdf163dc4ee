using System.Text.Json.Serialization;

namespace AiSpm.Core.DataClassification;

/// <summary>The kinds of personal data the classifier recognises in text that feeds AI.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersonalDataKind>))]
public enum PersonalDataKind
{
    /// <summary>An email address.</summary>
    EmailAddress,

    /// <summary>A payment card number (issuer prefix and length of a card network, Luhn check digit).</summary>
    PaymentCardNumber,

    /// <summary>An International Bank Account Number (country length, ISO 7064 mod 97-10 check digits).</summary>
    Iban,

    /// <summary>A national identification number in a format with validity rules (and a check digit where the format has one).</summary>
    NationalId,

    /// <summary>A telephone number written in international form (<c>+</c> and a country calling code) that is valid for its country's numbering plan.</summary>
    PhoneNumber,
}
