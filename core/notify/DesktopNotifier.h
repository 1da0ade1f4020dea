#pragma once

#include <QObject>
#include <QString>

#include <optional>

namespace zp {

// Desktop notifications through org.freedesktop.Notifications on the session bus, with no
// Widgets. When no notification server answers, `failed` says so and the GUI can fall back to
// its tray balloon.
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    // Whether a notification server is on the session bus now.
    static bool isAvailable();
    void notify(const QString &summary, const QString &body);

Q_SIGNALS:
    void delivered(uint notificationId);
    void failed(const QString &summary, const QString &body, const QString &error);

private:
    void send(const QString &summary, const QString &body);

    // Whether the server reads markup in the body ("body-markup"), asked once: there a name
    // such as "Ann & <b>Bo</b>" must be escaped to be shown as typed.
    std::optional<bool> m_bodyMarkup;
};

} // namespace zp
