// pt_decode_image: format detection by magic bytes, size limits, and dispatch to the PNG and JPEG decoders.
#include "image.h"

#include "bridge.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace pt::image {

namespace {

// Generous for photographs and scans, yet a forged header cannot make us allocate more than ~2 GB (RGBA).
constexpr int64_t kMaxSide = 30000;
constexpr int64_t kMaxPixels = 512LL * 1000 * 1000;

constexpr uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr uint8_t kJpegSignature[3] = {0xFF, 0xD8, 0xFF};

// True when the data starts with the signature, or is a (too short) prefix of it.
bool starts_like(const uint8_t* data, size_t length, const uint8_t* signature, size_t signature_length) {
    size_t compared = length < signature_length ? length : signature_length;
    return std::memcmp(data, signature, compared) == 0;
}

std::string leading_bytes(const uint8_t* data, size_t length, size_t count) {
    std::string text;
    char hex[4];
    for (size_t i = 0; i < length && i < count; ++i) {
        std::snprintf(hex, sizeof hex, i == 0 ? "%02X" : " %02X", data[i]);
        text += hex;
    }
    return text;
}

Mode checked_mode(int mode) {
    if (mode < 0 || mode > 4)
        throw std::runtime_error("unknown image read mode " + std::to_string(mode) +
                                 " (expected 0 UNCHANGED, 1 GRAY, 2 GRAY_ALPHA, 3 RGB or 4 RGB_ALPHA)");
    return static_cast<Mode>(mode);
}

at::Tensor decode(const uint8_t* data, int64_t signed_length, int mode) {
    Mode read_mode = checked_mode(mode);
    if (signed_length < 0) throw std::runtime_error("negative image data length");
    if (signed_length == 0 || data == nullptr) throw std::runtime_error("empty file (0 bytes)");
    auto length = static_cast<size_t>(signed_length);
    // A file cut inside its signature is truncated, not of an unknown format.
    if (starts_like(data, length, kPngSignature, sizeof kPngSignature) && length > 1) {
        if (length < sizeof kPngSignature) throw std::runtime_error("truncated PNG data");
        return decode_png(data, length, read_mode);
    }
    if (starts_like(data, length, kJpegSignature, sizeof kJpegSignature) && length > 1) {
        if (length < sizeof kJpegSignature) throw std::runtime_error("truncated JPEG data");
        return decode_jpeg(data, length, read_mode);
    }
    // Its first four bytes say PNG, so naming them would look like a contradiction; name the whole signature.
    if (length >= sizeof kPngSignature && starts_like(data, 4, kPngSignature, 4))
        throw std::runtime_error("damaged PNG signature (" + leading_bytes(data, length, 8) + ", expected " +
                                 leading_bytes(kPngSignature, 8, 8) + ")");
    throw std::runtime_error("not a JPEG or PNG file (starts with " + leading_bytes(data, length, 4) + ")");
}

}  // namespace

void check_dimensions(int64_t width, int64_t height, const char* format) {
    if (width <= 0 || height <= 0)
        throw std::runtime_error(std::string(format) + " header declares an empty image (" + std::to_string(width) +
                                 "x" + std::to_string(height) + ")");
    if (width > kMaxSide || height > kMaxSide || width * height > kMaxPixels)
        throw std::runtime_error(std::string(format) + " image is " + std::to_string(width) + "x" +
                                 std::to_string(height) + " pixels, over the decoding limit of " +
                                 std::to_string(kMaxSide) + " pixels per side and " +
                                 std::to_string(kMaxPixels / 1000000) + " megapixels");
}

}  // namespace pt::image

PT_API pt_tensor pt_decode_image(const uint8_t* bytes, int64_t length, int mode) {
    PT_TENSOR(pt::image::decode(bytes, length, mode));
}
