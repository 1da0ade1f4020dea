<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>IdleMonitor</name>
    <message>
        <source>not built into this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenceAgent</name>
    <message>
        <source>The server&apos;s presence answer is unusable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s event answer is unusable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XConnection</name>
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
    <name>XScreenSaverIdleBackend</name>
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
    <name>XSyncIdleBackend</name>
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
    <name>ZulipClient</name>
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
</context>
<context>
    <name>zp</name>
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
        <source>Count as idle after this many seconds without input (1-86400; default 300).</source>
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
</context>
<context>
    <name>zp::CommandLine</name>
    <message>
        <source>The idle threshold must be a whole number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zp::CoworkerListModel</name>
    <message>
        <source>%1, %2</source>
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
        <source>Last report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported yet</source>
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
</TS>
