using System.Buffers;
using System.Text.Json;
using System.Runtime.InteropServices;

namespace AiSpm.Connectors.Graph;

/// <summary>
/// Directory objects as they are read, kept as one UTF-8 JSON array: each object is written once into a growing byte
/// buffer, and the array is parsed once at the end. A tenant's directory is tens of thousands of objects, so neither a
/// string per object nor a joined copy of them is ever held.
/// </summary>
internal sealed class GraphObjectArray
{
    private readonly ArrayBufferWriter<byte> _bytes = new(4096);

    /// <summary>How many objects were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an object read as Graph answered it, byte for byte as it was written.</summary>
    public void Add(JsonElement element)
    {
        Separate();
        _bytes.Write(JsonMarshal.GetRawUtf8Value(element));
    }

    /// <summary>Adds every object of another array, in its order.</summary>
    public void AddRange(GraphObjectArray other)
    {
        if (other.Count == 0)
        {
            return;
        }

        Separate();
        _bytes.Write(other._bytes.WrittenSpan);
        Count += other.Count - 1;
    }

    /// <summary>The objects as one JSON array, independent of this buffer.</summary>
    public JsonElement ToElement()
    {
        var text = new byte[_bytes.WrittenCount + 2];
        text[0] = (byte)'[';
        _bytes.WrittenSpan.CopyTo(text.AsSpan(1));
        text[^1] = (byte)']';

        // The document reads the array in place; its element stays valid as long as it is referenced.
        return JsonDocument.Parse(text).RootElement;
    }

    private void Separate()
    {
        if (Count++ > 0)
        {
            _bytes.Write(","u8);
        }
    }
}
