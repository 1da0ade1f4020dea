#include "idle/x11/XSyncIdleBackend.h"

#include "idle/x11/XConnection.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

// Xlib last: its macros would break the Qt headers above.
#include <X11/Xlib.h>
#include <X11/extensions/sync.h>

namespace zp {

static_assert(std::is_same_v<XSyncAlarm, unsigned long> &&
                  std::is_same_v<XSyncCounter, unsigned long>,
              "the header stores XSync ids as unsigned long");

namespace {

XSyncValue toSyncValue(qint64 value) {
    XSyncValue result;
    XSyncIntsToValue(&result, static_cast<unsigned int>(value & 0xffffffff),
                     static_cast<int>(value >> 32));
    return result;
}

qint64 fromSyncValue(const XSyncValue &value) {
    return (static_cast<qint64>(XSyncValueHigh32(value)) << 32) |
           static_cast<qint64>(XSyncValueLow32(value));
}

} // namespace

XSyncIdleBackend::XSyncIdleBackend(QObject *parent)
    : IdleBackend(parent), m_connection(std::make_unique<XConnection>()) {
    connect(m_connection.get(), &XConnection::broken, this, &IdleBackend::failed);
}

XSyncIdleBackend::~XSyncIdleBackend() {
    // Alarms belong to our connection and die with it; destroying them first only spares the
    // server the bookkeeping if the connection outlives us for a moment.
    cancelWatches();
}

bool XSyncIdleBackend::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!m_connection->open(why))
        return false;
    Display *display = m_connection->display();
    const QString where = m_connection->displayName();

    int eventBase = 0;
    int errorBase = 0;
    int major = 0;
    int minor = 0;
    if (!XSyncQueryExtension(display, &eventBase, &errorBase))
        return fail(tr("The X server at %1 has no SYNC extension.").arg(where));
    if (!XSyncInitialize(display, &major, &minor))
        return fail(tr("The X server at %1 refused to initialise its SYNC extension.").arg(where));

    int count = 0;
    XSyncSystemCounter *counters = XSyncListSystemCounters(display, &count);
    for (int i = 0; i < count; ++i) {
        if (std::strcmp(counters[i].name, "IDLETIME") == 0) {
            m_idleCounter = counters[i].counter;
            break;
        }
    }
    if (counters)
        XSyncFreeSystemCounterList(counters);
    m_connection->afterRequests();
    if (m_connection->isBroken())
        return fail(tr("The X server at %1 failed while being asked for its counters.").arg(where));
    if (!m_idleCounter)
        return fail(tr("The X server at %1 has no IDLETIME counter.").arg(where));

    m_syncEventBase = eventBase;
    m_connection->setEventHandler([this](XEvent &event) {
        if (event.type != m_syncEventBase + XSyncAlarmNotify)
            return;
        const auto *notify = reinterpret_cast<const XSyncAlarmNotifyEvent *>(&event);
        if (notify->state != XSyncAlarmDestroyed)
            onAlarmNotify(notify->alarm);
    });
    if (why)
        *why = tr("X server at %1, SYNC %2.%3 IDLETIME alarms").arg(where).arg(major).arg(minor);
    return true;
}

quint64 XSyncIdleBackend::wakeups() const {
    return m_connection->socketWakeups();
}

bool XSyncIdleBackend::usable() const {
    return m_idleCounter != 0 && !m_connection->isBroken();
}

std::optional<qint64> XSyncIdleBackend::queryIdleCounter() const {
    if (!usable())
        return std::nullopt;
    XSyncValue value;
    const bool ok = XSyncQueryCounter(m_connection->display(), m_idleCounter, &value) != 0;
    m_connection->afterRequests();
    if (!ok || m_connection->isBroken())
        return std::nullopt;
    return fromSyncValue(value);
}

unsigned long XSyncIdleBackend::createAlarm(int testType, qint64 value) {
    XSyncAlarmAttributes attributes{};
    attributes.trigger.counter = m_idleCounter;
    attributes.trigger.value_type = XSyncAbsolute;
    attributes.trigger.wait_value = toSyncValue(value);
    attributes.trigger.test_type = static_cast<XSyncTestType>(testType);
    // Delta 0 on a comparison alarm: the server makes it inactive after it fires once, which
    // is exactly the one-shot watch the interface promises.
    attributes.delta = toSyncValue(0);
    attributes.events = True;
    const unsigned long mask = XSyncCACounter | XSyncCAValueType | XSyncCAValue | XSyncCATestType |
                               XSyncCADelta | XSyncCAEvents;
    return XSyncCreateAlarm(m_connection->display(), mask, &attributes);
}

void XSyncIdleBackend::discardAlarm(unsigned long &alarm) {
    if (!alarm)
        return;
    if (!m_connection->isBroken()) {
        // Silence it first: destroying an alarm that still has events selected makes the
        // server send one last AlarmNotify (state Destroyed), a wakeup for nothing.
        XSyncAlarmAttributes quiet{};
        quiet.events = False;
        XSyncChangeAlarm(m_connection->display(), alarm, XSyncCAEvents, &quiet);
        XSyncDestroyAlarm(m_connection->display(), alarm);
    }
    alarm = 0;
}

void XSyncIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    if (!usable())
        return;
    discardAlarm(m_idleAlarm);
    // A comparison (IDLETIME >= threshold), not a positive transition: a transition only fires
    // when the counter crosses the value while the alarm exists, so someone already idle past
    // the threshold would go unreported until they came back and left again. The server
    // evaluates a comparison as soon as the alarm is created, so that case fires at once.
    m_idleAlarm = createAlarm(XSyncPositiveComparison, std::max<qint64>(threshold.count(), 0));
    m_connection->afterRequests();
}

void XSyncIdleBackend::watchResume() {
    if (!usable())
        return;
    discardAlarm(m_resumeAlarm);
    const std::optional<qint64> idle = queryIdleCounter();
    if (!idle)
        return;
    if (*idle > 0) {
        // Fire when IDLETIME falls below its value now, which only input can make it do.
        // NegativeComparison means "<=", hence one less. A comparison rather than a negative
        // transition also catches input that lands between the query above and the alarm's
        // creation: the server then finds the counter already low and fires at once.
        m_resumeAlarm = createAlarm(XSyncNegativeComparison, *idle - 1);
    } else {
        // Input this very millisecond: "<= -1" could never be true, and "<= 0" would be true
        // at once, reporting the input that just happened. A transition to 0 waits for the
        // counter to leave 0 and come back to it: the next input.
        m_resumeAlarm = createAlarm(XSyncNegativeTransition, 0);
    }
    m_connection->afterRequests();
}

void XSyncIdleBackend::cancelWatches() {
    if (!m_idleAlarm && !m_resumeAlarm)
        return;
    discardAlarm(m_idleAlarm);
    discardAlarm(m_resumeAlarm);
    m_connection->afterRequests();
}

std::optional<std::chrono::milliseconds> XSyncIdleBackend::idleTime() const {
    const std::optional<qint64> idle = queryIdleCounter();
    if (!idle)
        return std::nullopt;
    return std::chrono::milliseconds(*idle);
}

void XSyncIdleBackend::onAlarmNotify(unsigned long alarm) {
    // Ids are compared because an alarm replaced or cancelled a moment ago may still have a
    // notification on its way; those are stale and ignored.
    if (alarm != 0 && alarm == m_idleAlarm) {
        discardAlarm(m_idleAlarm);
        m_connection->afterRequests();
        Q_EMIT idleReached();
    } else if (alarm != 0 && alarm == m_resumeAlarm) {
        discardAlarm(m_resumeAlarm);
        m_connection->afterRequests();
        Q_EMIT resumed();
    }
}

} // namespace zp
