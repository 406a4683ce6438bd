// The report's section "Why each buurt scores as it does": a card per unit with its
// score, class, distance from the mean unit, the domains' contributions as bars (one
// scale for every card), its strongest and weakest indicator and what reaches the
// next class; a look-up box filters the cards by name or code.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "output/report.hpp"
#include "output/report_draw.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using namespace detail;

namespace {

const std::string kSection = "Why each buurt scores as it does";

std::string num(double v, const char* f = "%.1f") { return std::isnan(v) ? std::string("–") : fmt(v, f); }

// Domain contributions as bars left (negative, red) and right (positive, blue) of zero.
std::string domain_chart(const ReportExplain& x, const ReportExplainCard& c, double scale) {
    const std::size_t nd = x.domain_labels.size();
    const int w = 300, row = 17, h = 10 + row * static_cast<int>(nd);
    Canvas cv(w, h);
    const double label_w = 118, x0 = label_w + (w - label_w - 8) / 2.0, half = (w - label_w - 8) / 2.0 - 4;
    cv.line(x0, 3, x0, h - 3.0, "#888888", 1.0);
    for (std::size_t d = 0; d < nd && d < c.domains.size(); ++d) {
        const double y = 5.0 + row * static_cast<double>(d);
        std::string label = x.domain_labels[d];
        if (label.size() > 20) label = label.substr(0, 19) + ".";
        cv.text(label_w - 4, y + 11, label, 9.5, Canvas::Right);
        const double v = c.domains[d];
        if (std::isnan(v) || scale <= 0) continue;
        const double len = std::min(1.0, std::abs(v) / scale) * half;
        cv.rect(v < 0 ? x0 - len : x0, y + 2, len, row - 5.0, v < 0 ? "#d73027" : "#4575b4");
        cv.text(v < 0 ? x0 + 3 : x0 - 3, y + 11, fmt(v, "%+.1f"), 8.5, v < 0 ? Canvas::Left : Canvas::Right, false, "#444444");
    }
    return cv.png();
}

std::string card(const ReportExplain& x, const ReportExplainCard& c, double scale) {
    std::ostringstream h;
    h << "<table class=\"area-card explain-card\" data-key=\"" << xml_escape(c.key) << "\" data-name=\"" << xml_escape(c.name) << "\">\n<caption>"
      << xml_escape(c.name.empty() ? c.key : c.name + " (" + c.key + ")") << "</caption>\n";
    auto row = [&](const std::string& k, const std::string& v) { h << "<tr><th>" << xml_escape(k) << "</th><td>" << xml_escape(v) << "</td></tr>\n"; };
    row("Index", num(c.index) + (c.rank > 0 ? " (rank " + std::to_string(c.rank) + " of " + std::to_string(x.scored) + ")" : std::string()));
    row("Class", c.class_label);
    row("From the mean " + x.unit_word, num(c.distance, "%+.1f") + " points");
    h << "<tr><td colspan=\"2\"><img alt=\"Domain contributions of " << xml_escape(c.name.empty() ? c.key : c.name)
      << "\" src=\"data:image/png;base64," << base64(domain_chart(x, c, scale)) << "\"></td></tr>\n";
    row("Strongest", c.strongest.empty() ? std::string("–") : c.strongest);
    row("Weakest", c.weakest.empty() ? std::string("–") : c.weakest);
    row("To the next class", c.next_class);
    h << "</table>\n";
    return h.str();
}

const char* kLookup = R"(<script>
(function () {
  var box = document.getElementById('explain-lookup');
  if (!box) return;
  box.addEventListener('input', function () {
    var q = box.value.trim().toLowerCase(), shown = 0;
    var cards = document.querySelectorAll('.explain-card');
    for (var i = 0; i < cards.length; ++i) {
      var c = cards[i], hit = !q || c.getAttribute('data-key').toLowerCase().indexOf(q) >= 0 || c.getAttribute('data-name').toLowerCase().indexOf(q) >= 0;
      c.style.display = hit ? '' : 'none';
      if (hit) ++shown;
    }
    document.getElementById('explain-found').textContent = q ? shown + ' found' : '';
  });
})();
</script>
)";

}  // namespace

std::vector<ReportFigure> explain_figures(const ReportExplain& x, const ReportOptions&) {
    ReportFigure f{"explain-cards", "Explanations per " + x.unit_word, {}, {}, {}, kSection};
    if (x.cards.empty()) {
        f.note = "No " + x.unit_word + " has an index to explain.";
        return {f};
    }
    double scale = 0;
    for (const auto& c : x.cards)
        for (double v : c.domains)
            if (!std::isnan(v)) scale = std::max(scale, std::abs(v));
    std::ostringstream h;
    h << "<p>" << xml_escape(x.all ? "A card for every scored " + x.unit_word + " (" + std::to_string(x.scored) + "), lowest index first."
                                   : "Cards for the " + std::to_string(x.each) + " lowest and the " + std::to_string(x.each) + " highest of the " +
                                         std::to_string(x.scored) + " scored " + x.unit_word +
                                         "s, lowest index first; every unit's explanation is in the units layer (fields dist_mean, top_plus, "
                                         "top_minus, next_class) and in the JSON report (explanations).")
      << "</p>\n<p><label>Look up a " << xml_escape(x.unit_word) << " by name or code: <input type=\"search\" id=\"explain-lookup\"></label> <span id=\"explain-found\"></span></p>\n"
      << "<div class=\"area-cards\">\n";
    for (const auto& c : x.cards) h << card(x, c, scale);
    h << "</div>\n" << kLookup;
    f.table_html = h.str();
    f.caption = "Distance from the mean " + x.unit_word + ": the index minus the index of the mean " + x.unit_word +
                " (every normalised indicator at its mean over the scored units" +
                (std::isnan(x.mean_index) ? std::string() : ", index " + num(x.mean_index)) +
                "), with the unit's own missing indicators. Bars: what each domain contributes to that distance (blue raises, red lowers; one scale "
                "for every card, up to " + num(scale) + " points). " + x.method +
                " To the next class: the least change of one indicator, everything else fixed, that puts the index on the upper bound of its class "
                "(inclusive: any more moves it up), with the normalisation as fitted.";
    return {f};
}

}  // namespace leefbaar::output
