#include "agent/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace zp {

std::chrono::milliseconds Backoff::next() {
    const double exponent = std::min(m_failures, 30);
    ++m_failures;
    const double ceiling =
        std::min(double(m_cap.count()), double(m_base.count()) * std::pow(2.0, exponent));
    const double factor = 0.5 + 0.5 * QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(std::max<qint64>(1, qint64(ceiling * factor)));
}

} // namespace zp
