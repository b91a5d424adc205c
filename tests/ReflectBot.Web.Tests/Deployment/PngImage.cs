using System.Buffers.Binary;
using System.IO.Compression;

namespace ReflectBot.Web.Tests.Deployment;

/// <summary>
/// A small PNG reader for checking icons: size from IHDR, and the decoded pixels as RGBA.
/// Handles 8-bit greyscale, RGB, palette, grey+alpha and RGBA with all five row filters,
/// which covers what icon tools write. Interlaced images are refused rather than misread.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        this.rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
        }
    }

    public IEnumerable<(int X, int Y, byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b, a) = this[x, y];
                yield return (x, y, r, g, b, a);
            }
        }
    }

    /// <summary>Width and height straight from the IHDR chunk, without decoding pixels.</summary>
    public static (int Width, int Height) ReadSize(byte[] file)
    {
        CheckSignature(file);
        var firstChunkType = System.Text.Encoding.ASCII.GetString(file, 12, 4);
        if (firstChunkType != "IHDR")
        {
            throw new InvalidDataException($"first chunk is {firstChunkType}, PNG requires IHDR");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
    }

    public static PngImage Decode(byte[] file)
    {
        CheckSignature(file);
        int width = 0, height = 0, bitDepth = 0, colourType = -1, interlace = 0;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        var sawEnd = false;
        while (offset + 12 <= file.Length && !sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            if (length < 0 || offset + 12 + length > file.Length)
            {
                throw new InvalidDataException($"chunk {type} runs past the end of the file");
            }

            var data = file.AsSpan(offset + 8, length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            if (Crc32(file.AsSpan(offset + 4, length + 4)) != storedCrc)
            {
                throw new InvalidDataException($"chunk {type} has a bad CRC");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colourType = data[9];
                    interlace = data[12];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    paletteAlpha = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        if (!sawEnd)
        {
            throw new InvalidDataException("no IEND chunk");
        }

        if (bitDepth != 8 || interlace != 0)
        {
            throw new NotSupportedException($"only 8-bit non-interlaced PNGs are read here (bit depth {bitDepth}, interlace {interlace})");
        }

        var channels = colourType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"unknown colour type {colourType}"),
        };

        var stride = width * channels;
        var raw = Inflate(idat.ToArray());
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"image data is {raw.Length} bytes, expected {height * (stride + 1)}");
        }

        var pixels = Unfilter(raw, height, stride, channels);
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            var s = i * channels;
            var d = i * 4;
            switch (colourType)
            {
                case 0:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = 255;
                    break;
                case 2:
                    rgba[d] = pixels[s];
                    rgba[d + 1] = pixels[s + 1];
                    rgba[d + 2] = pixels[s + 2];
                    rgba[d + 3] = 255;
                    break;
                case 3:
                    var index = pixels[s];
                    if (palette is null || (index * 3) + 2 >= palette.Length)
                    {
                        throw new InvalidDataException("palette index out of range");
                    }

                    rgba[d] = palette[index * 3];
                    rgba[d + 1] = palette[(index * 3) + 1];
                    rgba[d + 2] = palette[(index * 3) + 2];
                    rgba[d + 3] = paletteAlpha is not null && index < paletteAlpha.Length ? paletteAlpha[index] : (byte)255;
                    break;
                case 4:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = pixels[s + 1];
                    break;
                case 6:
                    Array.Copy(pixels, s, rgba, d, 4);
                    break;
            }
        }

        return new PngImage(width, height, rgba);
    }

    private static void CheckSignature(byte[] file)
    {
        if (file.Length < 33 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }
    }

    private static byte[] Inflate(byte[] zlibData)
    {
        using var input = new MemoryStream(zlibData);
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int height, int stride, int bytesPerPixel)
    {
        var result = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = (y * (stride + 1)) + 1;
            var row = y * stride;
            var previousRow = row - stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? result[row + i - bytesPerPixel] : 0;
                int up = y > 0 ? result[previousRow + i] : 0;
                int upLeft = y > 0 && i >= bytesPerPixel ? result[previousRow + i - bytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"row {y} has unknown filter {filter}"),
                };
                result[row + i] = (byte)(raw[src + i] + predictor);
            }
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
