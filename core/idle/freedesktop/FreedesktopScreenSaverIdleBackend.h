#pragma once

#include "idle/IdleBackend.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QTimer>

class QDBusServiceWatcher;

namespace zp {

// org.freedesktop.ScreenSaver's GetSessionIdleTime on the session bus (KDE Plasma, and other
// desktops that implement it). The interface has no "idle" or "input" event, so:
//  - going idle: one single-shot timer to the earliest moment the threshold can be reached,
//    re-armed for the rest when input happened meanwhile (one wakeup per deadline);
//  - coming back: a slow sample (kResumeSampleInterval) only while the person is away, plus
//    an immediate sample when the screen saver turns off (ActiveChanged(false)), which is
//    the usual moment someone returns.
// The value is taken to be milliseconds, as KDE's kscreenlocker (KIdleTime) returns it.
class FreedesktopScreenSaverIdleBackend final : public IdleBackend {
    Q_OBJECT
public:
    explicit FreedesktopScreenSaverIdleBackend(QObject *parent = nullptr);
    ~FreedesktopScreenSaverIdleBackend() override;

    QString name() const override { return QStringLiteral("freedesktop-screensaver"); }
    bool open(QString *why) override;
    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override;

    static constexpr std::chrono::milliseconds kResumeSampleInterval{2000};

private Q_SLOTS:
    void onActiveChanged(bool active);

private:
    // Asks GetSessionIdleTime without blocking; `handle` gets the answer in ms, or nothing
    // when the call failed (then failed() has been emitted).
    // `generation` is the watch's counter: an answer that arrives after that watch was
    // re-armed or cancelled is dropped.
    void queryIdle(const quint64 &generation, std::function<void(qint64 idleMs)> handle);
    void onIdleTimer();
    void sampleForResume();

    QDBusConnection m_bus;
    QDBusServiceWatcher *m_serviceWatcher = nullptr;
    bool m_open = false;
    std::chrono::milliseconds m_threshold{0};
    bool m_idleArmed = false;
    bool m_resumeArmed = false;
    // Bumped by every (re)arm and cancel of that watch.
    quint64 m_idleGeneration = 0;
    quint64 m_resumeGeneration = 0;
    QTimer m_idleTimer;
    QTimer m_resumeTimer;
    QElapsedTimer m_clock;
    qint64 m_lastIdle = 0;       // the previous sample while waiting for resume
    qint64 m_lastAnsweredAt = 0; // m_clock time that sample's answer arrived
};

} // namespace zp
