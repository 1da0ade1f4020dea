<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountSource</name>
    <message>
        <source>The API key for %1 is not in the system keychain; enter it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain refused access to the API key; allow it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (%1); start your desktop&apos;s keyring (GNOME Keyring or KWallet) and try again. The API key is not saved anywhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is locked or not reachable (%1); unlock it and try again. The API key is not saved anywhere else.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::AccountCheck</name>
    <message>
        <source>Enter the server&apos;s address, e.g. https://chat.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, but not as a Zulip server (check the address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Zulip %2 server; enter your email and API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: Zulip %1 (feature level %2) at %3, signed in as %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Zulip server, but it does not accept the API key for %2; copy the key again or log in with your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Zulip server, but checking the account failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered without an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepts this key, but %2 is a bot; Zulip keeps presence for people only. Use your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks for a login of its own before Zulip (HTTP %2); a proxy or single sign-on page may be in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in failed: the server did not accept this email and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::ApiResult</name>
    <message>
        <source>The server asks us to slow down; try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks us to slow down; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::CommandLine</name>
    <message>
        <source>The idle threshold must be a whole number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tells your Zulip server whether you are active or idle at this computer, and shows which coworkers are active (green), idle (orange) or offline (grey).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the account in this zuliprc file (default: the saved settings, else ~/.zuliprc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run without any window or tray icon: report only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --headless: print one JSON line after each successful poll. With --status: print a JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print coworkers&apos; current status once and exit; never changes your own presence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print what idle detection can see in this session and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this idle detection backend instead of choosing one (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown idle backend &quot;%1&quot;; this build knows: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--json goes with --headless or --status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--status and --headless cannot be combined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--diagnose runs on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--zuliprc needs a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--idle-after and --idle-backend mean nothing to --status, which reports nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count as idle after this many seconds without input (1-86400; default: the settings&apos; threshold, 300 unless changed).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::CoworkerListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invisible to others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reporting your presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reaching the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::DesktopNotifier</name>
    <message>
        <source>There is no desktop session bus for notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop did not show the notification (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::DisplayProbe</name>
    <message>
        <source>neither DISPLAY nor WAYLAND_DISPLAY is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt&apos;s Wayland plugin is not installed (Debian: qt6-wayland)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Wayland compositor at %1 does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the X server at DISPLAY=%1 does not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::FreedesktopScreenSaverIdleBackend</name>
    <message>
        <source>There is no D-Bus session bus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on the session bus provides %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer GetSessionIdleTime: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the session bus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on the session bus, idle time on a deadline timer, sampled every %2 s while away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped answering GetSessionIdleTime: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::GnomeMutterIdleBackend</name>
    <message>
        <source>There is no D-Bus session bus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on the session bus provides %1 (not a GNOME session).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer GetIdletime: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not subscribe to %1.WatchFired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the session bus (the GNOME compositor ended or restarted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on the session bus, server-side idle and active watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused a watch: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::IdleMonitor</name>
    <message>
        <source>not built into this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle detection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No idle detection in this session: reporting idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (screen locked: idle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: works (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unavailable (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle for: %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle for: this source cannot tell, only when it changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle for: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen: locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen: not locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next report: idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next report: active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (no idle source: idle unless this app&apos;s own window is in use)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::LastSeen</name>
    <message numerus="yes">
        <source>Active %n minute(s) ago</source>
        <translation>
            <numerusform>Active %n minute ago</numerusform>
            <numerusform>Active %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active %n hour(s) ago</source>
        <translation>
            <numerusform>Active %n hour ago</numerusform>
            <numerusform>Active %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active %n day(s) ago</source>
        <translation>
            <numerusform>Active %n day ago</numerusform>
            <numerusform>Active %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Active now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not active in the last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active an hour ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not active in the last %n day(s)</source>
        <translation>
            <numerusform>Not active in the last day</numerusform>
            <numerusform>Not active in the last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zp::Main</name>
    <message>
        <source>the server %1 did not answer within 60 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another zulip-presence agent already reports for you; not starting a second one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no idle detection works in this session; reporting idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a headless zulip-presence already reports for you; stop it before starting the tray agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Zulip account set up yet; the settings window is open to add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no display to show a tray icon on: %1. Start it in a desktop session, or use --headless to report without a tray, or --status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zulip-presence is already running and showed its list; it keeps the account it has. To switch to %1, import it in its Settings, or quit it and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Zulip account set up: give your zuliprc with --zuliprc FILE (or save it as ~/.zuliprc), or add an account in the settings of the tray agent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::PopupWindow</name>
    <message>
        <source>Zulip presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coworkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zulip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 active, %3 idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization has turned presence off; nobody&apos;s status is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reported %n minute(s) ago</source>
        <translation>
            <numerusform>Reported %n minute ago</numerusform>
            <numerusform>Reported %n minutes ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Last report at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled green dot: active. Half-filled orange dot: idle. Hollow grey ring: offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a direct message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is stale: the dots may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Zulip account in use; add one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::PresenceAgent</name>
    <message>
        <source>The network is unavailable; waiting for it to come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s registration answer is unusable: %1 is missing or of the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s presence answer is unusable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s event answer is unusable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization has turned presence off; nobody&apos;s availability can be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server currently shares no presence data; coworkers&apos; availability cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s presence data is unusable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a bot; Zulip keeps presence for people only. Use your own account: log in with your email, or import your own zuliprc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 did not apply the change; your availability stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s registration answer is not JSON the agent can read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::SampledIdleBackend</name>
    <message>
        <source>The operating system stopped reporting the idle time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::SessionWatcher</name>
    <message>
        <source>no system bus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not on the system bus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logind answers, but this process is in no login session (%1); sleep is watched, the lock is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system bus does not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::Settings</name>
    <message>
        <source>The settings file %1 is not a regular file; using defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 is damaged; using defaults until it is saved again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 cannot be read; using defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file there cannot be read, and is kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the damaged file there cannot be moved aside, and is kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder or the disk does not accept the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: %2 The change is lost when the agent quits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::SettingsController</name>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is active on Zulip now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::SettingsDialog</name>
    <message>
        <source>Zulip presence settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import zuliprc file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my availability to others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show offline coworkers in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count me as idle after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell me when one of these coworkers is back (turns active after being idle or offline):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This HTTP proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server, your email and your password first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import zuliprc file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1; press “Use this account” to save its key in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account needs a server address, an email and an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the API key in the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Reporting as %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change this setting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No idle monitor in this process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle detection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only sent to the server to fetch the API key; never stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::SingleInstance</name>
    <message>
        <source>Another zulip-presence is starting at this moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the agent&apos;s socket %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::StatusArt</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled green dot: active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-filled orange dot: idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hollow grey ring: offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::TrayController</name>
    <message>
        <source>Open the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show me as available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zulip presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: invisible (not sharing your availability)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Zulip account is configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zulip presence
%1
%2 active, %3 idle, %4 offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::WaylandConnection</name>
    <message>
        <source>The Wayland compositor at %1 removed the seat whose input we watch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAYLAND_DISPLAY is not set, so there is no Wayland compositor to ask about idle time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the Wayland compositor at WAYLAND_DISPLAY=%1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 offers no seat, so no input to watch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the Wayland compositor at %1 was lost (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 rejected a request (%2 error %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::WaylandIdleBackend</name>
    <message>
        <source>The Wayland compositor at %1 does not offer %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wayland compositor at %1, %2 version %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (idle inhibitors such as a playing video hold off idle)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::WindowsIdleBackend</name>
    <message>
        <source>Windows does not report the last input time in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GetLastInputInfo, session lock notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GetLastInputInfo, no session lock notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::XConnection</name>
    <message>
        <source>DISPLAY is not set, so there is no X server to ask about idle time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the X server at DISPLAY=%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the X server at %1 was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server at %1 rejected a request (%2, opcode %3.%4).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::XScreenSaverIdleBackend</name>
    <message>
        <source>The X server at %1 has no MIT-SCREEN-SAVER extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server at %1 did not answer an idle-time query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X server at %1, MIT-SCREEN-SAVER idle time on a deadline timer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::XSyncIdleBackend</name>
    <message>
        <source>The X server at %1 has no SYNC extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server at %1 refused to initialise its SYNC extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server at %1 failed while being asked for its counters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X server at %1 has no IDLETIME counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X server at %1, SYNC %2.%3 IDLETIME alarms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::ZulipClient</name>
    <message>
        <source>The account needs a server address, an email and an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 uses plain http://, which would send your API key unencrypted; use its https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zuliprc file asks to skip certificate checks (insecure=true), which would let anyone on the network read your API key. Give the server&apos;s CA certificate as cert_bundle instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name %1 cannot be found; check the address and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 cannot be reached: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the email and API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the email and API key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks us to slow down; waiting %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with HTTP %1 and no Zulip data; a proxy or the server itself may be failing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not Zulip&apos;s JSON (is a proxy or login page in the way?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer does not say whether it succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 redirected the request to %2; it was not followed, so your API key went nowhere else. Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was larger than %1 MB; it was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 did not finish its answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 stopped answering partway through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 broke off its answer: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 answered a %2 request with redirect %3 to %4, which would drop what was sent; it was not followed. Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 redirected the request more than %2 times; it was given up. Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks us to slow down; waiting a little.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must not hold a user name or password (%1@); enter the address alone, and your email and API key in their own fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is deactivated on %2; an administrator of the organization can reactivate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization at %1 is deactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks for a login of its own before Zulip (HTTP 401, not Zulip&apos;s answer); a proxy or single sign-on page may be in the way.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::Zuliprc</name>
    <message>
        <source>%1, line %2: a section header must end with &apos;]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: a second [api] section; keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: expected &apos;name = value&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: &apos;%3&apos; is given twice in [api]; keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no [api] section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the [api] section lacks %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: site is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a regular file, so it cannot be a zuliprc file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a zuliprc file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (it looks like UTF-16); save it as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
