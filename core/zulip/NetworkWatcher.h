#pragma once

#include <QObject>
#include <QString>

namespace zp {

// Whether the system says the network is up. Where NetworkManager runs, its State comes
// straight over D-Bus; elsewhere from QNetworkInformation (GLib's netlink monitor on Linux, the
// system's own on Windows and macOS). Where neither answers (a container, a bare window
// manager), the network counts as always reachable and requests simply fail and back off.
class NetworkWatcher : public QObject {
    Q_OBJECT
public:
    explicit NetworkWatcher(QObject *parent = nullptr);

    // "networkmanager", or the QNetworkInformation backend in use; empty when there is none.
    QString backendName() const { return m_backend; }
    bool reachable() const { return m_reachable; }

    // NetworkManager's global NMState as reachability: only a clear "disconnected" counts as
    // unreachable, as Qt's own NetworkManager backend reads it.
    static bool reachableInNetworkManagerState(uint state);

Q_SIGNALS:
    void reachableChanged(bool reachable);

private Q_SLOTS:
    void onNetworkManagerState(uint state);

private:
    enum class NetworkManagerFound { Yes, No, BusNotAnswering };
    NetworkManagerFound followNetworkManager();
    void askNetworkManagerState();
    void followQtNetworkInformation();
    void setReachable(bool reachable);

    QString m_backend;
    bool m_reachable = true;
};

} // namespace zp
