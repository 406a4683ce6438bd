#include "output/provenance.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "core/error.hpp"
#include "io/gdal_env.hpp"

namespace leefbaar::output {

std::string sha256_file(const std::string& path) {
    // OpenSSL's EVP digest: a maintained, fast SHA-256 (GDAL's CPL_SHA256 is not a
    // public header in Debian 12's GDAL 3.6).
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError("cannot read the file to compute its checksum", ErrorContext{path, {}, {}, {}, {}}, "check that it exists and is readable");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw SystemError("OpenSSL cannot compute SHA-256");
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto got = in.gcount();
        if (got > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(got));
    }
    if (in.bad()) throw DataError("error while reading the file for its checksum", ErrorContext{path, {}, {}, {}, {}});
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

InputFile describe_input(const std::string& path) {
    InputFile f;
    f.path = path;
    std::error_code ec;
    f.size = std::filesystem::file_size(path, ec);
    if (ec) throw DataError("cannot read the input file's size: " + ec.message(), ErrorContext{path, {}, {}, {}, {}});
    f.sha256 = sha256_file(path);
    return f;
}

std::string utc_now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json provenance_json(const Provenance& p) {
    nlohmann::json j;
    j["software"] = p.software;
    if (!p.run_id.empty()) j["run_id"] = p.run_id;
    const auto v = io::library_versions();
    j["libraries"] = {{"GDAL", v.gdal}, {"GEOS", v.geos}, {"PROJ", v.proj}};
    j["date"] = p.date.empty() ? utc_now_iso() : p.date;
    if (p.seed) j["seed"] = *p.seed;
    else j["seed"] = nullptr;
    if (!p.project_file.empty()) {
        const InputFile f = describe_input(p.project_file);
        j["project_file"] = {{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}};
    }
    j["inputs"] = nlohmann::json::array();
    for (const auto& in : p.inputs) {
        // Connection strings (PG:...) are not files: recorded without a checksum.
        if (!std::filesystem::is_regular_file(in)) {
            j["inputs"].push_back({{"path", in}});
            continue;
        }
        const InputFile f = describe_input(in);
        j["inputs"].push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
    }
    j["methods"] = nlohmann::json::object();
    for (const auto& [step, method] : p.methods) j["methods"][step] = method;
    return j;
}

}  // namespace leefbaar::output
