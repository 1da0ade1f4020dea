// Links the Win32 half of the Windows idle backend outside Qt, as CI cross-compiles it with
// MinGW: prints the idle time and whether session lock notifications could be registered.
#include "idle/sampled/IdleArithmetic.h"
#include "idle/windows/WindowsSessionApi.h"

#include <cstdio>
#include <string>

int main() {
    // The wrap-around rule the backend relies on, checked in the Windows build too.
    if (zp::idle::idleFromTicks(0x10, 0xfffffff0).count() != 0x20)
        return 2;
    const auto idle = zp::windows::readIdleTime();
    std::printf("idle: %lld ms\n", idle ? static_cast<long long>(idle->count()) : -1LL);
    zp::windows::SessionLockWatcher watcher;
    std::string why;
    const bool lockWatch =
        watcher.open([](bool locked) { std::printf("locked: %d\n", locked); }, &why);
    std::printf("lock notifications: %s\n", lockWatch ? "yes" : why.c_str());
    return idle ? 0 : 1;
}
