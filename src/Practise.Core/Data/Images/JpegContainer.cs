using System.Buffers.Binary;

namespace Practise.Core.Data;

/// <summary>The fields of a JPEG's frame header (SOFn) that decide whether and how it is decoded.</summary>
internal readonly record struct JpegHeader(long Width, long Height, int Precision, int Components);

/// <summary>
/// Walks a JPEG's markers and segments up to the end-of-image marker (EOI). libjpeg "repairs" a cut-off stream by
/// filling the missing rows with grey and only warns, and Skia decodes through such warnings, so a missing EOI is the
/// one dependable sign of truncation: checking it here keeps broken files out of a data set. Entropy-coded data is
/// only scanned for the next marker; decoding it is the decoder's job.
/// </summary>
internal static class JpegContainer
{
    private const string Format = "JPEG";
    private const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA;

    /// <summary>Returns the frame header of a complete JPEG, which starts with the SOI marker (FF D8).</summary>
    /// <exception cref="InvalidImageDataException">The data ends before EOI, or its markers are out of place.</exception>
    public static JpegHeader Read(ReadOnlySpan<byte> data)
    {
        JpegHeader? frame = null;
        var scans = 0;
        var position = 2;
        while (true)
        {
            if (position >= data.Length) throw InvalidImageDataException.Truncated(Format);
            if (data[position] != 0xFF)
                throw InvalidImageDataException.Corrupt(Format, $"expected a marker at byte {position}, found {data[position]:X2}");
            // A marker may be preceded by any number of 0xFF fill bytes.
            while (position < data.Length && data[position] == 0xFF) position++;
            if (position >= data.Length) throw InvalidImageDataException.Truncated(Format);
            var marker = data[position++];
            if (marker == EndOfImage) break;
            if (marker is 0x00 or StartOfImage)
                throw InvalidImageDataException.Corrupt(Format, $"unexpected marker FF {marker:X2} at byte {position - 2}");
            if (IsStandalone(marker)) continue;

            if (data.Length - position < 2) throw InvalidImageDataException.Truncated(Format);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2) throw InvalidImageDataException.Corrupt(Format, $"marker FF {marker:X2} has a segment length of {length}");
            if (data.Length - position < length) throw InvalidImageDataException.Truncated(Format);
            var segment = data.Slice(position + 2, length - 2);
            position += length;

            if (IsStartOfFrame(marker))
            {
                frame = ReadFrame(segment);
            }
            else if (marker == StartOfScan)
            {
                if (frame is null) throw InvalidImageDataException.Corrupt(Format, "scan before the frame header");
                scans++;
                position = EndOfEntropyCodedData(data, position);
            }
        }
        // As TurboJPEG reports it: a stream of tables only (as used in abbreviated formats) holds no image.
        if (frame is null) throw new InvalidImageDataException("JPEG data contains no image (only tables)");
        if (scans == 0) throw InvalidImageDataException.Corrupt(Format, "no scan before the end of the image");
        return frame.Value;
    }

    private static JpegHeader ReadFrame(ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 6 || segment.Length < 6 + 3 * segment[5])
            throw InvalidImageDataException.Corrupt(Format, $"frame header of {segment.Length} bytes is too short");
        return new JpegHeader(
            Width: BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
            Height: BinaryPrimitives.ReadUInt16BigEndian(segment[1..]),
            Precision: segment[0],
            Components: segment[5]);
    }

    // Returns the position of the marker that ends a scan's entropy-coded data. Inside it, FF 00 is a data byte
    // 0xFF and FF D0..D7 are restart markers, which belong to the scan.
    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var found = data[position..].IndexOf((byte)0xFF);
            if (found < 0 || position + found + 1 >= data.Length) throw InvalidImageDataException.Truncated(Format);
            position += found;
            var next = data[position + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) position += 2;
            else if (next == 0xFF) position += 1;
            else return position;
        }
    }

    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    // TEM and the restart markers carry no segment.
    private static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);
}
