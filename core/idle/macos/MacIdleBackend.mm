#include "idle/macos/MacIdleBackend.h"

#include <CoreFoundation/CoreFoundation.h>
#include <Foundation/Foundation.h>
#include <IOKit/IOKitLib.h>

namespace zp {

namespace {

const CFStringRef kLocked = CFSTR("com.apple.screenIsLocked");
const CFStringRef kUnlocked = CFSTR("com.apple.screenIsUnlocked");

void onLockNotification(CFNotificationCenterRef, void *observer, CFNotificationName name,
                        const void *, CFDictionaryRef) {
    // Delivered on the main run loop, which Qt's event dispatcher runs.
    static_cast<MacIdleBackend *>(observer)->noteScreenLock(
        CFStringCompare(name, kLocked, 0) == kCFCompareEqualTo);
}

} // namespace

MacIdleBackend::MacIdleBackend(QObject *parent) : SampledIdleBackend(parent) {}

MacIdleBackend::~MacIdleBackend() {
    if (m_observing)
        CFNotificationCenterRemoveEveryObserver(CFNotificationCenterGetDistributedCenter(), this);
    if (m_activity) {
        [[NSProcessInfo processInfo] endActivity:(__bridge id)m_activity];
        CFRelease(m_activity);
    }
    if (m_hidSystem)
        IOObjectRelease(m_hidSystem);
}

bool MacIdleBackend::open(QString *why) {
    // MACH_PORT_NULL asks for the default main port on every macOS version.
    m_hidSystem = IOServiceGetMatchingService(MACH_PORT_NULL, IOServiceMatching("IOHIDSystem"));
    if (!m_hidSystem || !readIdleTime()) {
        if (why)
            *why = tr("IOKit has no IOHIDSystem entry with an idle time.");
        return false;
    }
    CFNotificationCenterRef center = CFNotificationCenterGetDistributedCenter();
    for (CFStringRef name : {kLocked, kUnlocked})
        CFNotificationCenterAddObserver(center, this, &onLockNotification, name, nullptr,
                                        CFNotificationSuspensionBehaviorDeliverImmediately);
    m_observing = true;
    id activity = [[NSProcessInfo processInfo]
        beginActivityWithOptions:NSActivityUserInitiatedAllowingIdleSystemSleep
                          reason:@"Reporting presence to Zulip on time"];
    m_activity = CFBridgingRetain(activity);
    if (why)
        *why = tr("IOKit HIDIdleTime, screen lock notifications, App Nap held off");
    return true;
}

std::optional<std::chrono::milliseconds> MacIdleBackend::readIdleTime() const {
    if (!m_hidSystem)
        return std::nullopt;
    CFTypeRef value = IORegistryEntryCreateCFProperty(m_hidSystem, CFSTR("HIDIdleTime"),
                                                      kCFAllocatorDefault, 0);
    if (!value)
        return std::nullopt;
    SInt64 nanoseconds = 0;
    const bool ok = CFGetTypeID(value) == CFNumberGetTypeID() &&
                    CFNumberGetValue(static_cast<CFNumberRef>(value), kCFNumberSInt64Type,
                                     &nanoseconds);
    CFRelease(value);
    if (!ok || nanoseconds < 0)
        return std::nullopt;
    return std::chrono::milliseconds(nanoseconds / 1000000);
}

} // namespace zp
