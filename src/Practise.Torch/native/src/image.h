// Internal to the image decoders (image.cpp, image_png.cpp, image_jpeg.cpp); not part of the C ABI.
// Decoders throw std::runtime_error with a message meant for the user ("truncated PNG data"); the C# layer
// prefixes it with the file's path.
#pragma once

#include <ATen/ATen.h>

#include <cstddef>
#include <cstdint>

namespace pt::image {

// The values of torchvision.io.ImageReadMode.
enum class Mode { Unchanged = 0, Gray = 1, GrayAlpha = 2, Rgb = 3, RgbAlpha = 4 };

// Refuses decompression bombs before any pixel buffer is allocated.
void check_dimensions(int64_t width, int64_t height, const char* format);

// Both return a contiguous uint8 tensor laid out channels x height x width.
at::Tensor decode_png(const uint8_t* data, size_t length, Mode mode);
at::Tensor decode_jpeg(const uint8_t* data, size_t length, Mode mode);

}  // namespace pt::image
