#include "idle/windows/WindowsSessionApi.h"

#include "idle/sampled/IdleArithmetic.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <wtsapi32.h>

namespace zp::windows {

std::optional<std::chrono::milliseconds> readIdleTime() {
    LASTINPUTINFO info{};
    info.cbSize = sizeof info;
    if (!GetLastInputInfo(&info))
        return std::nullopt;
    // dwTime is a GetTickCount() value, so it must be compared with the 32-bit counter, not
    // GetTickCount64(): both wrap together every 49.7 days.
    return idle::idleFromTicks(GetTickCount(), info.dwTime);
}

namespace {

constexpr wchar_t kWindowClass[] = L"ZulipPresenceSessionLockWatcher";

} // namespace

struct SessionLockWindowProc {
    static LRESULT CALLBACK handle(HWND window, UINT message, WPARAM wParam, LPARAM lParam) {
        if (message == WM_WTSSESSION_CHANGE) {
            auto *self =
                reinterpret_cast<SessionLockWatcher *>(GetWindowLongPtrW(window, GWLP_USERDATA));
            if (self && self->m_callback) {
                if (wParam == WTS_SESSION_LOCK)
                    self->m_callback(true);
                else if (wParam == WTS_SESSION_UNLOCK)
                    self->m_callback(false);
            }
            return 0;
        }
        return DefWindowProcW(window, message, wParam, lParam);
    }
};

SessionLockWatcher::~SessionLockWatcher() {
    if (!m_window)
        return;
    HWND window = static_cast<HWND>(m_window);
    WTSUnRegisterSessionNotification(window);
    SetWindowLongPtrW(window, GWLP_USERDATA, 0);
    DestroyWindow(window);
}

bool SessionLockWatcher::open(Callback onLockChanged, std::string *why) {
    auto fail = [why](const char *reason) {
        if (why)
            *why = reason;
        return false;
    };
    HINSTANCE instance = GetModuleHandleW(nullptr);
    WNDCLASSEXW windowClass{};
    windowClass.cbSize = sizeof windowClass;
    windowClass.lpfnWndProc = &SessionLockWindowProc::handle;
    windowClass.hInstance = instance;
    windowClass.lpszClassName = kWindowClass;
    // A second watcher finds the class already registered; that is fine.
    if (!RegisterClassExW(&windowClass) && GetLastError() != ERROR_CLASS_ALREADY_EXISTS)
        return fail("Windows refused to register the session-lock window class.");
    HWND window = CreateWindowExW(0, kWindowClass, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, nullptr,
                                  instance, nullptr);
    if (!window)
        return fail("Windows refused to create the session-lock message window.");
    m_callback = std::move(onLockChanged);
    SetWindowLongPtrW(window, GWLP_USERDATA, reinterpret_cast<LONG_PTR>(this));
    if (!WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION)) {
        DestroyWindow(window);
        return fail("Windows refused session lock notifications (WTSRegisterSessionNotification).");
    }
    m_window = window;
    return true;
}

} // namespace zp::windows
