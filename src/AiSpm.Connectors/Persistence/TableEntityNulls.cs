using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// The Table service stores no null properties: a row written with a property absent and one written with it null
/// read back the same. The stores write their optional columns through <see cref="WithoutNulls"/> so a Replace
/// removes a column that became null and no request carries JSON nulls.
/// </summary>
internal static class TableEntityNulls
{
    /// <summary>Removes the null-valued properties of <paramref name="entity"/> and returns it.</summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }

        return entity;
    }
}
