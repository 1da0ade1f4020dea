// libFuzzer: both presence parsers on arbitrary bytes must agree, and neither may crash.
#include "support/PresenceBodies.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString difference = zp::test::parserDifference(body);
    if (!difference.isEmpty()) {
        std::fprintf(stderr, "parsers differ: %s\n", qPrintable(difference));
        std::abort();
    }
    return 0;
}
