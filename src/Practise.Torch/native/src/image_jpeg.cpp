// JPEG decoding with TurboJPEG (libjpeg-turbo), which catches libjpeg's longjmp errors itself and reports them
// through tjGetErrorStr2. Unlike torchvision, warnings fail the decode: libjpeg "repairs" a truncated or damaged
// stream by filling the rest with grey, which would silently put broken images into a data set.
#include "image.h"

#include <turbojpeg.h>

#include <stdexcept>
#include <string>

namespace pt::image {

namespace {

struct TurboJpegHandle {
    tjhandle handle;
    ~TurboJpegHandle() {
        if (handle != nullptr) tjDestroy(handle);
    }
};

// A complete JPEG ends with the EOI marker (FF D9). Cut-off data makes libjpeg report many different things (a
// "Premature end of JPEG file" warning, a missing SOS marker, a bogus Huffman table, no image at all), so a failed
// decode of data without EOI is reported as what it most likely is.
bool ends_with_eoi(const uint8_t* data, size_t length) {
    return length >= 2 && data[length - 2] == 0xFF && data[length - 1] == 0xD9;
}

[[noreturn]] void fail(tjhandle handle, const uint8_t* data, size_t length) {
    std::string problem = tjGetErrorStr2(handle);
    if (!ends_with_eoi(data, length) || problem.find("Premature end") != std::string::npos)
        throw std::runtime_error("truncated JPEG data");
    const std::string redundant = "Corrupt JPEG data: ";  // libjpeg's own prefix on some warnings
    if (problem.compare(0, redundant.size(), redundant) == 0) problem.erase(0, redundant.size());
    throw std::runtime_error("corrupt JPEG data: " + problem);
}

const char* mode_name(Mode mode) { return mode == Mode::GrayAlpha ? "GRAY_ALPHA" : "RGB_ALPHA"; }

}  // namespace

at::Tensor decode_jpeg(const uint8_t* data, size_t length, Mode mode) {
    // torchvision refuses these as well: JPEG has no alpha channel to return.
    if (mode == Mode::GrayAlpha || mode == Mode::RgbAlpha)
        throw std::runtime_error(std::string("ImageReadMode.") + mode_name(mode) +
                                 " is not supported for JPEG images, which have no alpha channel (use UNCHANGED, GRAY or RGB)");
    TurboJpegHandle decoder{tjInitDecompress()};
    if (decoder.handle == nullptr)
        throw std::runtime_error(std::string("cannot start the JPEG decoder: ") + tjGetErrorStr2(nullptr));

    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    auto size = static_cast<unsigned long>(length);
    if (tjDecompressHeader3(decoder.handle, data, size, &width, &height, &subsampling, &colorspace) != 0)
        fail(decoder.handle, data, length);
    // TurboJPEG accepts a tables-only stream here and reports it as 0x0, which is also how cut-off headers end up.
    if (width == 0 || height == 0) {
        if (!ends_with_eoi(data, length)) throw std::runtime_error("truncated JPEG data");
        throw std::runtime_error("JPEG data contains no image (only tables)");
    }
    check_dimensions(width, height, "JPEG");
    if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK)
        throw std::runtime_error("CMYK JPEG images are not supported (convert the image to RGB first)");

    bool gray = mode == Mode::Gray || (mode == Mode::Unchanged && colorspace == TJCS_GRAY);
    int channels = gray ? 1 : 3;
    at::Tensor pixels = at::empty({height, width, channels}, at::kByte);
    // Flags 0: accurate integer DCT and fancy upsampling, libjpeg's defaults, which torchvision decodes with too.
    if (tjDecompress2(decoder.handle, data, size, pixels.data_ptr<uint8_t>(), width, 0, height,
                      gray ? TJPF_GRAY : TJPF_RGB, 0) != 0)
        fail(decoder.handle, data, length);
    return pixels.permute({2, 0, 1}).contiguous();
}

}  // namespace pt::image
