#pragma once

#include <QObject>
#include <QString>

namespace zp {

// Whether the system says the network is up, from QNetworkInformation (NetworkManager, else
// GLib's network monitor). Where no backend loads (no NetworkManager, a container), the
// network counts as always reachable and requests simply fail and back off as before.
class NetworkWatcher : public QObject {
    Q_OBJECT
public:
    explicit NetworkWatcher(QObject *parent = nullptr);

    // The backend in use, empty when none could be loaded.
    QString backendName() const { return m_backend; }
    bool reachable() const { return m_reachable; }

Q_SIGNALS:
    void reachableChanged(bool reachable);

private:
    void update();

    QString m_backend;
    bool m_reachable = true;
};

} // namespace zp
