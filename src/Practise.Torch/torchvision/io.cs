using Practise.Torch.Native;
using static Practise.Torch.torch;

namespace Practise.Torch;

/// <summary>torchvision in torchvision's vocabulary (torchvision.io.read_image, ...).</summary>
public static partial class torchvision
{
    public static class io
    {
        /// <summary>The channels to decode to, with torchvision.io.ImageReadMode's values.</summary>
        public enum ImageReadMode
        {
            UNCHANGED = 0,
            GRAY = 1,
            GRAY_ALPHA = 2,
            RGB = 3,
            RGB_ALPHA = 4,
        }

        /// <summary>
        /// Decodes a PNG or JPEG (detected from its first bytes) into a uint8 tensor of shape [C, H, W]. PNG palettes
        /// are expanded and 16-bit samples reduced to their high byte; JPEG supports UNCHANGED, GRAY and RGB.
        /// </summary>
        /// <exception cref="ImageDecodeException">The data is not a supported image or is damaged.</exception>
        public static Tensor decode_image(byte[] data, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(data);
            try
            {
                return Decode(data, mode);
            }
            catch (TorchException e)
            {
                throw new ImageDecodeException(e.Message, e);
            }
        }

        /// <summary>As torchvision: the encoded bytes given as a one-dimensional uint8 tensor.</summary>
        public static Tensor decode_image(Tensor data, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.dtype != uint8 || data.dim() != 1)
                throw new ArgumentException($"expected a one-dimensional uint8 tensor of encoded bytes, got {data.dtype} with shape [{string.Join(", ", data.shape)}]", nameof(data));
            return decode_image(data.bytes(), mode);
        }

        /// <summary>Reads and decodes a PNG or JPEG file; see <see cref="decode_image(byte[], ImageReadMode)"/>.</summary>
        /// <exception cref="ImageDecodeException">The file cannot be read, or is not a supported, intact image; the message starts with the path.</exception>
        public static Tensor read_image(string path, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(path);
            byte[] data;
            try
            {
                data = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new ImageDecodeException(path, "file not found", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ImageDecodeException(path, $"cannot read the file ({e.Message})", e);
            }
            try
            {
                return Decode(data, mode);
            }
            catch (TorchException e)
            {
                throw new ImageDecodeException(path, e.Message, e);
            }
        }

        private static Tensor Decode(byte[] data, ImageReadMode mode) =>
            NativeResult.Tensor(NativeMethods.pt_decode_image(data, data.Length, (int)mode));
    }
}
