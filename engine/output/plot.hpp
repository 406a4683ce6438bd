#pragma once
// A small drawing surface over cairo for the report figures (private to output/):
// colours from "#rrggbb", text, and the PNG bytes at the end. cairo does the
// rasterising, anti-aliasing, fonts and PNG encoding.
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace leefbaar::output::detail {

class Canvas {
public:
    Canvas(int width, int height);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;
    cairo_t* cr() { return cr_; }
    int width() const { return width_; }
    int height() const { return height_; }

    void colour(const std::string& hex, double alpha = 1.0);
    void rect(double x, double y, double w, double h, const std::string& fill, const std::string& stroke = {});
    void line(double x0, double y0, double x1, double y1, const std::string& colour, double width = 1.0);
    void circle(double x, double y, double r, const std::string& fill, double alpha = 1.0);
    enum Align { Left, Centre, Right };
    void text(double x, double y, const std::string& s, double size = 12, Align align = Left, bool bold = false,
              const std::string& colour = "#222222", bool vertical = false);
    std::string png();

private:
    int width_, height_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
};

}  // namespace leefbaar::output::detail
