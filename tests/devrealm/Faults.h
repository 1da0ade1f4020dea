// Injected faults: rules consumed by the next matching requests.
#pragma once

#include "DevRealm.h"

#include <QList>
#include <optional>

namespace zp::devrealm {

class FaultInjector {
public:
    void add(const FaultSpec &fault);
    // The first rule matching the request, with its count decremented (removed at zero).
    std::optional<FaultSpec> take(const QString &method, const QString &path);
    void clear() { m_faults.clear(); }
    int pending() const;
    const QList<FaultSpec> &faults() const { return m_faults; }

    // What the client receives for a fault, filled in with the defaults of its kind.
    static FaultSpec withDefaults(FaultSpec fault);
    static QString kindName(FaultSpec::Kind kind);
    static std::optional<FaultSpec::Kind> kindFromName(const QString &name);

private:
    QList<FaultSpec> m_faults;
};

} // namespace zp::devrealm
