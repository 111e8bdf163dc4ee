using System.IO.Compression;

namespace AiSpm.Application.Tests.Exports;

/// <summary>Reads and rewrites the files of a ZIP in memory, to tamper with evidence in tests.</summary>
internal static class ZipEdit
{
    public static Dictionary<string, byte[]> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[entry.FullName] = buffer.ToArray();
        }

        return files;
    }

    public static byte[] Write(IReadOnlyDictionary<string, byte[]> files)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                using var stream = archive.CreateEntry(path).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }
}
