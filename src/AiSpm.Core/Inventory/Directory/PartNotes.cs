namespace AiSpm.Core.Inventory.Directory;

/// <summary>Notes of parts not read, written <c>part: reason</c> (<see cref="DirectoryInventory.NotCollected"/>, <see cref="CopilotAdminImport.NotRead"/>).</summary>
internal static class PartNotes
{
    /// <summary>The index of <paramref name="part"/>'s note, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> notes, string part)
    {
        for (var i = 0; i < notes.Count; i++)
        {
            if (notes[i].StartsWith(part + ":", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The reason <paramref name="part"/> was not read, or null when no note names it.</summary>
    public static string? Reason(IReadOnlyList<string> notes, string part) =>
        IndexOf(notes, part) is var i and >= 0 ? notes[i][(part.Length + 1)..].Trim() : null;
}
