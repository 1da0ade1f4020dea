#pragma once

// Plain C++ over Win32 (no Qt): what the Windows idle backend needs from the system, kept out
// of the Qt class so that CI cross-compiles and links it with MinGW (tests/windows).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace zp::windows {

// Time since the last keyboard or mouse input in this session (GetLastInputInfo against
// GetTickCount, both 32-bit: see idle::idleFromTicks for the wrap-around). nullopt if the call
// fails, e.g. in a service without an interactive session.
std::optional<std::chrono::milliseconds> readIdleTime();

// Session lock and unlock (Win+L, the lock screen, fast user switching) through
// WTSRegisterSessionNotification. That API posts WM_WTSSESSION_CHANGE to a window, so this
// owns a message-only window (HWND_MESSAGE: never shown, no taskbar entry). Its messages are
// dispatched by whatever message loop runs on the creating thread; Qt's event dispatcher does
// that for every window of the GUI thread.
class SessionLockWatcher {
public:
    using Callback = std::function<void(bool locked)>;

    SessionLockWatcher() = default;
    ~SessionLockWatcher();
    SessionLockWatcher(const SessionLockWatcher &) = delete;
    SessionLockWatcher &operator=(const SessionLockWatcher &) = delete;

    // Creates the window and registers for this session's notifications. On failure returns
    // false with one sentence in *why.
    bool open(Callback onLockChanged, std::string *why);

private:
    void *m_window = nullptr; // HWND, kept opaque so no <windows.h> leaks into Qt code
    Callback m_callback;

    friend struct SessionLockWindowProc;
};

} // namespace zp::windows
