// PNG decoding with libpng. libpng reports errors by longjmp, so everything its callbacks touch is plain data and
// the frames that call setjmp (read_info, prepare_rows, read_pixels) hold no C++ objects; the tensor and the libpng structs are
// owned by decode_png, above the setjmp frames, so a corrupt file can neither crash nor leak.
// The transforms per read mode are torchvision's (decode_png.cpp), with three deliberate differences:
//  - palette images are expanded to RGB (RGBA with a tRNS chunk) in UNCHANGED mode; torchvision 0.14 returns the
//    palette indices;
//  - palette images without tRNS get an opaque alpha channel in GRAY_ALPHA/RGB_ALPHA; torchvision 0.14 returns
//    misaligned rows there;
//  - 16-bit images are reduced to 8 bits by keeping the high byte (as torchvision's to_dtype(uint8, scale=True));
//    torchvision 0.14 refuses them.
#include "image.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace pt::image {

namespace {

struct PngState {
    png_structp png;
    png_infop info;
    const uint8_t* data;
    size_t length;
    size_t offset;
    bool truncated;
    char message[200];
};

struct PngLayout {
    png_uint_32 width;
    png_uint_32 height;
    int channels;
    int passes;
    size_t row_bytes;
};

void on_error(png_structp png, png_const_charp message) {
    auto* state = static_cast<PngState*>(png_get_error_ptr(png));
    std::snprintf(state->message, sizeof state->message, "%s", message);
    png_longjmp(png, 1);
}

// Warnings concern ancillary chunks (bad CRC, unknown profile) that do not change the pixels: neither fail nor print.
void on_warning(png_structp, png_const_charp) {}

void on_read(png_structp png, png_bytep out, size_t count) {
    auto* state = static_cast<PngState*>(png_get_io_ptr(png));
    if (count > state->length - state->offset) {
        state->truncated = true;
        png_error(png, "truncated PNG data");
    }
    std::memcpy(out, state->data + state->offset, count);
    state->offset += count;
}

void request_transforms(png_structp png, png_infop info, Mode mode) {
    int bit_depth = png_get_bit_depth(png, info);
    int color_type = png_get_color_type(png, info);
    bool palette = color_type == PNG_COLOR_TYPE_PALETTE;
    bool has_color = (color_type & PNG_COLOR_MASK_COLOR) != 0;
    bool has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) != 0 || (palette && png_get_valid(png, info, PNG_INFO_tRNS));

    if (bit_depth == 16) png_set_strip_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (palette) png_set_palette_to_rgb(png);
    if (mode == Mode::Unchanged) return;
    bool gray_out = mode == Mode::Gray || mode == Mode::GrayAlpha;
    bool alpha_out = mode == Mode::GrayAlpha || mode == Mode::RgbAlpha;
    // torchvision's luma weights, so GRAY output matches it exactly.
    if (gray_out && has_color) png_set_rgb_to_gray(png, 1, 0.2989, 0.587);
    if (!gray_out && !has_color) png_set_gray_to_rgb(png);
    if (has_alpha && !alpha_out) png_set_strip_alpha(png);
    if (!has_alpha && alpha_out) png_set_add_alpha(png, 0xffff, PNG_FILLER_AFTER);
}

bool read_info(PngState* state, PngLayout* layout) {
    if (setjmp(png_jmpbuf(state->png))) return false;
    png_read_info(state->png, state->info);
    layout->width = png_get_image_width(state->png, state->info);
    layout->height = png_get_image_height(state->png, state->info);
    return true;
}

// Runs only after check_dimensions: png_read_update_info already allocates row buffers.
bool prepare_rows(PngState* state, Mode mode, PngLayout* layout) {
    if (setjmp(png_jmpbuf(state->png))) return false;
    request_transforms(state->png, state->info, mode);
    layout->passes = png_set_interlace_handling(state->png);
    png_read_update_info(state->png, state->info);
    layout->channels = png_get_channels(state->png, state->info);
    layout->row_bytes = png_get_rowbytes(state->png, state->info);
    return true;
}

// Interlaced images are read pass by pass into the same rows; libpng fills in each pass's pixels.
void read_rows(PngState* state, const PngLayout* layout, uint8_t* out) {
    for (int pass = 0; pass < layout->passes; ++pass)
        for (png_uint_32 y = 0; y < layout->height; ++y)
            png_read_row(state->png, out + static_cast<size_t>(y) * layout->row_bytes, nullptr);
    // Reading to IEND checks the last chunk's CRC, so a file cut after its pixel data still counts as truncated.
    png_read_end(state->png, nullptr);
}

bool read_pixels(PngState* state, const PngLayout* layout, uint8_t* out) {
    if (setjmp(png_jmpbuf(state->png))) return false;
    read_rows(state, layout, out);
    return true;
}

[[noreturn]] void fail(const PngState& state) {
    if (state.truncated) throw std::runtime_error("truncated PNG data");
    throw std::runtime_error(std::string("corrupt PNG data: ") + state.message);
}

struct PngCleanup {
    PngState* state;
    ~PngCleanup() { png_destroy_read_struct(&state->png, &state->info, nullptr); }
};

int expected_channels(Mode mode) {
    switch (mode) {
        case Mode::Gray: return 1;
        case Mode::GrayAlpha: return 2;
        case Mode::Rgb: return 3;
        case Mode::RgbAlpha: return 4;
        default: return 0;
    }
}

}  // namespace

at::Tensor decode_png(const uint8_t* data, size_t length, Mode mode) {
    PngState state{};
    state.data = data;
    state.length = length;
    state.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (state.png == nullptr) throw std::runtime_error("cannot start the PNG decoder (out of memory)");
    PngCleanup cleanup{&state};
    state.info = png_create_info_struct(state.png);
    if (state.info == nullptr) throw std::runtime_error("cannot start the PNG decoder (out of memory)");
    png_set_read_fn(state.png, &state, on_read);
    // Our own limit (check_dimensions) gives the clearer message, so lift libpng's lower default one.
    png_set_user_limits(state.png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);

    PngLayout layout{};
    if (!read_info(&state, &layout)) fail(state);
    check_dimensions(layout.width, layout.height, "PNG");
    if (!prepare_rows(&state, mode, &layout)) fail(state);
    int wanted = expected_channels(mode);
    if ((wanted != 0 && layout.channels != wanted) || layout.row_bytes != static_cast<size_t>(layout.width) * layout.channels)
        throw std::runtime_error("unsupported PNG layout (" + std::to_string(layout.channels) + " channels, " +
                                 std::to_string(layout.row_bytes) + " bytes per row)");

    at::Tensor pixels = at::empty({static_cast<int64_t>(layout.height), static_cast<int64_t>(layout.width), layout.channels}, at::kByte);
    if (!read_pixels(&state, &layout, pixels.data_ptr<uint8_t>())) fail(state);
    return pixels.permute({2, 0, 1}).contiguous();
}

}  // namespace pt::image
