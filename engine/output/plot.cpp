#include "output/plot.hpp"

#include <cairo.h>
#include <dlfcn.h>

#include "core/error.hpp"

namespace leefbaar::output::detail {

namespace {

// cairo and fontconfig keep process-wide font caches for the program's lifetime, which
// LeakSanitizer (the ASan preset) reports at exit. A function-local static made by the
// first canvas (any figure: the report, the validation page) is destroyed at exit
// before LeakSanitizer's check runs (atexit order), and releases them; nothing draws
// after static destruction.
struct FontCacheRelease {
    ~FontCacheRelease() {
        cairo_debug_reset_static_data();
        // Through dlsym: fontconfig comes in as cairo's dependency; linking it directly
        // only for this call would add a build dependency.
        if (auto fini = reinterpret_cast<void (*)()>(dlsym(RTLD_DEFAULT, "FcFini"))) fini();
    }
};

}  // namespace

Canvas::Canvas(int width, int height) : width_(width), height_(height) {
    static FontCacheRelease release_at_exit;
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cr_ = cairo_create(surface_);
    if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) throw SystemError("cairo cannot create a drawing surface");
    rect(0, 0, width, height, "#ffffff");
}

Canvas::~Canvas() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
}

void Canvas::colour(const std::string& hex, double alpha) {
    auto byte = [&](std::size_t i) { return std::stoi(hex.substr(i, 2), nullptr, 16) / 255.0; };
    if (hex.size() == 7 && hex[0] == '#') cairo_set_source_rgba(cr_, byte(1), byte(3), byte(5), alpha);
    else cairo_set_source_rgba(cr_, 0.5, 0.5, 0.5, alpha);
}

void Canvas::rect(double x, double y, double w, double h, const std::string& fill, const std::string& stroke) {
    cairo_rectangle(cr_, x, y, w, h);
    colour(fill);
    if (stroke.empty()) {
        cairo_fill(cr_);
        return;
    }
    cairo_fill_preserve(cr_);
    colour(stroke);
    cairo_set_line_width(cr_, 1.0);
    cairo_stroke(cr_);
}

void Canvas::line(double x0, double y0, double x1, double y1, const std::string& c, double width) {
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    colour(c);
    cairo_set_line_width(cr_, width);
    cairo_stroke(cr_);
}

void Canvas::circle(double x, double y, double r, const std::string& fill, double alpha) {
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, x, y, r, 0, 6.283185307179586);
    colour(fill, alpha);
    cairo_fill(cr_);
}

void Canvas::text(double x, double y, const std::string& s, double size, Align align, bool bold, const std::string& c, bool vertical) {
    cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    const double dx = align == Left ? 0 : align == Centre ? -e.x_advance / 2 : -e.x_advance;
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    if (vertical) cairo_rotate(cr_, -1.5707963267948966);
    cairo_move_to(cr_, dx, 0);
    colour(c);
    cairo_show_text(cr_, s.c_str());
    cairo_restore(cr_);
}

namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}
}  // namespace

std::string Canvas::png() {
    cairo_surface_flush(surface_);
    std::string out;
    if (cairo_surface_write_to_png_stream(surface_, append, &out) != CAIRO_STATUS_SUCCESS) throw SystemError("cairo cannot encode a PNG");
    return out;
}

}  // namespace leefbaar::output::detail
