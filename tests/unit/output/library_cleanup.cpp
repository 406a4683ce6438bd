// cairo and fontconfig keep process-wide font caches for the program's lifetime; the
// ASan preset's LeakSanitizer reports them as leaks at exit. Release them after the
// last test so that only leaks of our own code are reported.
#include <gtest/gtest.h>

#include <cairo.h>
#include <dlfcn.h>

namespace {

class ReleaseFontCaches : public ::testing::Environment {
public:
    void TearDown() override {
        cairo_debug_reset_static_data();
        // FcFini through dlsym: fontconfig is loaded as cairo's dependency, and linking
        // it directly only for this call would add a build dependency to the tests.
        if (auto fini = reinterpret_cast<void (*)()>(dlsym(RTLD_DEFAULT, "FcFini"))) fini();
    }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new ReleaseFontCaches);

}  // namespace
