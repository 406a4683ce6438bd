#include "cluster/data.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "core/error.hpp"

namespace leefbaar::cluster {

std::string number_text(double v) {
    std::ostringstream s;
    s.precision(12);
    s << v;
    return s.str();
}

void scale_columns(DataMatrix& m, Scaling scaling, std::vector<double>* centre_out, std::vector<double>* scale_out) {
    std::vector<double> centre(m.p, 0.0), scale(m.p, 1.0);
    for (std::size_t j = 0; j < m.p && m.n > 0; ++j) {
        double mean = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (std::size_t i = 0; i < m.n; ++i) {
            const double v = m.x[i * m.p + j];
            mean += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        mean /= static_cast<double>(m.n);
        double spread = 1.0;
        switch (scaling) {
            case Scaling::None: break;
            case Scaling::Demean: centre[j] = mean; break;
            case Scaling::ZScore: {
                // Sample standard deviation (n − 1), as R's scale() and GeoDa.
                double ss = 0;
                for (std::size_t i = 0; i < m.n; ++i) ss += (m.x[i * m.p + j] - mean) * (m.x[i * m.p + j] - mean);
                centre[j] = mean;
                spread = m.n > 1 ? std::sqrt(ss / static_cast<double>(m.n - 1)) : 0.0;
                break;
            }
            case Scaling::Mad: {
                // GeoDa's "MAD": mean absolute deviation around the mean.
                double s = 0;
                for (std::size_t i = 0; i < m.n; ++i) s += std::abs(m.x[i * m.p + j] - mean);
                centre[j] = mean;
                spread = s / static_cast<double>(m.n);
                break;
            }
            case Scaling::Range:
                centre[j] = lo;
                spread = hi - lo;
                break;
        }
        scale[j] = spread > 0 ? spread : 1.0;
        for (std::size_t i = 0; i < m.n; ++i) m.x[i * m.p + j] = (m.x[i * m.p + j] - centre[j]) / scale[j];
    }
    if (centre_out) *centre_out = centre;
    if (scale_out) *scale_out = scale;
}

PreparedData prepare_data(const FeatureTable& table, const std::vector<std::string>& fields, Scaling scaling, MissingPolicy missing,
                          const std::vector<std::string>& required) {
    if (fields.empty()) throw UsageError("no clustering variables given", {}, "name the fields to cluster on, e.g. {{fields a,b,c}}");
    ErrorContext ctx{table.source_file, table.source_layer, {}, {}, {}};
    std::vector<const Column*> cols;
    for (const auto& f : fields) {
        const Column& c = table.column(f);  // throws with the nearest name
        if (!c.is_numeric()) {
            ctx.field = f;
            throw DataError("field '" + f + "' is text, not a number", ctx, "cluster on numeric fields only");
        }
        cols.push_back(&c);
    }
    std::vector<const Column*> req;
    for (const auto& f : required) {
        const Column& c = table.column(f);
        if (!c.is_numeric()) {
            ctx.field = f;
            throw DataError("field '" + f + "' is text, not a number", ctx, "use a numeric field such as a population count");
        }
        req.push_back(&c);
    }
    PreparedData out;
    out.fields = fields;
    out.status.assign(table.rows(), "ok");
    const std::size_t p = fields.size();
    std::vector<double> means(p, 0.0);
    if (missing == MissingPolicy::ImputeMean) {
        for (std::size_t j = 0; j < p; ++j) {
            double s = 0;
            std::size_t n = 0;
            for (std::size_t r = 0; r < table.rows(); ++r) {
                const double v = cols[j]->as_double(r);
                if (std::isfinite(v)) s += v, ++n;
            }
            if (n == 0) {
                ctx.field = fields[j];
                throw DataError("field '" + fields[j] + "' has no values", ctx, "choose a field with data");
            }
            means[j] = s / static_cast<double>(n);
        }
    }
    for (std::size_t r = 0; r < table.rows(); ++r) {
        std::string missing_required;
        for (std::size_t j = 0; j < req.size(); ++j)
            if (!std::isfinite(req[j]->as_double(r))) missing_required += (missing_required.empty() ? "" : ", ") + required[j];
        if (!missing_required.empty()) {
            out.status[r] = "excluded: missing " + missing_required;
            continue;
        }
        std::string missing_fields;
        for (std::size_t j = 0; j < p; ++j)
            if (!std::isfinite(cols[j]->as_double(r))) missing_fields += (missing_fields.empty() ? "" : ", ") + fields[j];
        if (!missing_fields.empty()) {
            if (missing == MissingPolicy::Exclude) {
                out.status[r] = "excluded: missing " + missing_fields;
                continue;
            }
            out.status[r] = "imputed: " + missing_fields;
        }
        out.table_row.push_back(r);
        for (std::size_t j = 0; j < p; ++j) {
            double v = cols[j]->as_double(r);
            if (!std::isfinite(v)) v = means[j], ++out.imputed_values;
            out.data.x.push_back(v);
        }
    }
    out.data.n = out.table_row.size();
    out.data.p = p;
    if (out.data.n == 0)
        throw DataError("no unit has values for all clustering variables", ctx,
                        "check the fields (" + join_names(fields) + ") or impute missing values ({{missing mean}})");
    scale_columns(out.data, scaling, &out.centre, &out.scale);
    return out;
}

}  // namespace leefbaar::cluster
