<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountSource</name>
    <message>
        <source>The API key for %1 is not in the system keychain; enter it in Settings.</source>
        <translation>Der API-Schlüssel für %1 befindet sich nicht im Schlüsselbund des Systems; geben Sie ihn in den Einstellungen ein.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain refused access to the API key; allow it and try again.</source>
        <translation>Der Schlüsselbund des Systems hat den Zugriff auf den API-Schlüssel verweigert; erlauben Sie den Zugriff und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1); start your desktop&apos;s keyring (GNOME Keyring or KWallet) and try again. The API key is not saved anywhere else.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1); starten Sie den Schlüsselbund Ihrer Arbeitsumgebung (GNOME Keyring oder KWallet) und versuchen Sie es erneut. Der API-Schlüssel wird nirgendwo sonst gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain is locked or not reachable (%1); unlock it and try again. The API key is not saved anywhere else.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt oder nicht erreichbar (%1); entsperren Sie ihn und versuchen Sie es erneut. Der API-Schlüssel wird nirgendwo sonst gespeichert.</translation>
    </message>
</context>
<context>
    <name>zp::AccountCheck</name>
    <message>
        <source>Enter the server&apos;s address, e.g. https://chat.example.com.</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. https://chat.example.com.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 answered, but not as a Zulip server (check the address).</source>
        <translation>%1 hat geantwortet, aber nicht als Zulip-Server (prüfen Sie die Adresse).</translation>
    </message>
    <message>
        <source>%1 is a Zulip %2 server; enter your email and API key.</source>
        <translation>%1 ist ein Zulip-Server (Version %2); geben Sie Ihre E-Mail-Adresse und Ihren API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>Connected: Zulip %1 (feature level %2) at %3, signed in as %4.</source>
        <translation>Verbunden: Zulip %1 (Funktionsstufe %2) auf %3, angemeldet als %4.</translation>
    </message>
    <message>
        <source>%1 is a Zulip server, but it does not accept the API key for %2; copy the key again or log in with your password.</source>
        <translation>%1 ist ein Zulip-Server, akzeptiert aber den API-Schlüssel für %2 nicht; kopieren Sie den Schlüssel erneut oder melden Sie sich mit Ihrem Passwort an.</translation>
    </message>
    <message>
        <source>%1 is a Zulip server, but checking the account failed: %2</source>
        <translation>%1 ist ein Zulip-Server, aber die Prüfung des Kontos ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The server answered without an API key.</source>
        <translation>Der Server hat ohne API-Schlüssel geantwortet.</translation>
    </message>
    <message>
        <source>Logging in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 accepts this key, but %2 is a bot; Zulip keeps presence for people only. Use your own account.</source>
        <translation>%1 nimmt diesen Schlüssel an, aber %2 ist ein Bot; Zulip zeigt Anwesenheit nur für Menschen an. Verwenden Sie Ihr eigenes Konto.</translation>
    </message>
    <message>
        <source>%1 asks for a login of its own before Zulip (HTTP %2); a proxy or single sign-on page may be in the way.</source>
        <translation>%1 verlangt vor Zulip eine eigene Anmeldung (HTTP %2); vielleicht steht ein Proxy oder eine Single-Sign-on-Seite im Weg.</translation>
    </message>
    <message>
        <source>Logging in failed: the server did not accept this email and password.</source>
        <translation>Anmeldung fehlgeschlagen: Der Server hat diese E-Mail-Adresse und dieses Passwort nicht angenommen.</translation>
    </message>
</context>
<context>
    <name>zp::ApiResult</name>
    <message>
        <source>The server asks us to slow down; try again in %1 s.</source>
        <translation>Der Server verlangt weniger Anfragen; versuchen Sie es in %1 s erneut.</translation>
    </message>
    <message>
        <source>The server asks us to slow down; try again later.</source>
        <translation>Der Server verlangt weniger Anfragen; versuchen Sie es später erneut.</translation>
    </message>
</context>
<context>
    <name>zp::CommandLine</name>
    <message>
        <source>The idle threshold must be a whole number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation>Die Zeit bis zur Abwesenheit muss eine ganze Zahl von Sekunden zwischen 1 und 86400 sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>Tells your Zulip server whether you are active or idle at this computer, and shows which coworkers are active (green), idle (orange) or offline (grey).</source>
        <translation>Teilt Ihrem Zulip-Server mit, ob Sie an diesem Computer aktiv oder abwesend sind, und zeigt, welche Kollegen aktiv (grün), abwesend (orange) oder offline (grau) sind.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Use the account in this zuliprc file (default: the saved settings, else ~/.zuliprc).</source>
        <translation>Das Konto aus dieser zuliprc-Datei verwenden (Standard: die gespeicherten Einstellungen, sonst ~/.zuliprc).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Run without any window or tray icon: report only.</source>
        <translation>Ohne Fenster und ohne Symbol im Infobereich ausführen: nur die Anwesenheit melden.</translation>
    </message>
    <message>
        <source>With --headless: print one JSON line after each successful poll. With --status: print a JSON array.</source>
        <translation>Mit --headless: nach jeder erfolgreichen Abfrage eine JSON-Zeile ausgeben. Mit --status: ein JSON-Array ausgeben.</translation>
    </message>
    <message>
        <source>Print coworkers&apos; current status once and exit; never changes your own presence.</source>
        <translation>Den aktuellen Status der Kollegen einmal ausgeben und beenden; ändert nie Ihre eigene Anwesenheit.</translation>
    </message>
    <message>
        <source>Print what idle detection can see in this session and exit.</source>
        <translation>Ausgeben, was die Abwesenheitserkennung in dieser Sitzung erkennen kann, und beenden.</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Use this idle detection backend instead of choosing one (%1).</source>
        <translation>Dieses Backend für die Abwesenheitserkennung verwenden, statt automatisch eines zu wählen (%1).</translation>
    </message>
    <message>
        <source>none built</source>
        <translation>keines eingebaut</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Unknown idle backend &quot;%1&quot;; this build knows: %2.</source>
        <translation>Unbekanntes Backend für die Abwesenheitserkennung „%1“; dieser Build kennt: %2.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>--json goes with --headless or --status.</source>
        <translation>--json ist nur zusammen mit --headless oder --status möglich.</translation>
    </message>
    <message>
        <source>--status and --headless cannot be combined.</source>
        <translation>--status und --headless können nicht kombiniert werden.</translation>
    </message>
    <message>
        <source>--diagnose runs on its own.</source>
        <translation>--diagnose lässt sich nicht mit anderen Modi kombinieren.</translation>
    </message>
    <message>
        <source>--zuliprc needs a file name.</source>
        <translation>--zuliprc benötigt einen Dateinamen.</translation>
    </message>
    <message>
        <source>--idle-after and --idle-backend mean nothing to --status, which reports nothing.</source>
        <translation>--idle-after und --idle-backend haben bei --status keine Wirkung, denn es meldet nichts.</translation>
    </message>
    <message>
        <source>Count as idle after this many seconds without input (1-86400; default: the settings&apos; threshold, 300 unless changed).</source>
        <translation>Nach so vielen Sekunden ohne Eingabe als abwesend gelten (1–86400; Standard: die Schwelle aus den Einstellungen, 300, sofern nicht geändert).</translation>
    </message>
</context>
<context>
    <name>zp::CoworkerListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Invisible to others</source>
        <translation>Für andere unsichtbar</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>Not reporting your presence</source>
        <translation>Ihre Anwesenheit wird nicht gemeldet</translation>
    </message>
    <message>
        <source>Not reaching the server</source>
        <translation>Server nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>zp::DesktopNotifier</name>
    <message>
        <source>There is no desktop session bus for notifications.</source>
        <translation>Für Benachrichtigungen ist kein Sitzungsbus der Arbeitsumgebung vorhanden.</translation>
    </message>
    <message>
        <source>The desktop did not show the notification (%1).</source>
        <translation>Die Arbeitsumgebung hat die Benachrichtigung nicht angezeigt (%1).</translation>
    </message>
</context>
<context>
    <name>zp::DisplayProbe</name>
    <message>
        <source>neither DISPLAY nor WAYLAND_DISPLAY is set</source>
        <translation>weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt</translation>
    </message>
    <message>
        <source>Qt&apos;s Wayland plugin is not installed (Debian: qt6-wayland)</source>
        <translation>das Wayland-Plugin von Qt ist nicht installiert (Debian: qt6-wayland)</translation>
    </message>
    <message>
        <source>the Wayland compositor at %1 does not answer</source>
        <translation>der Wayland-Compositor unter %1 antwortet nicht</translation>
    </message>
    <message>
        <source>the X server at DISPLAY=%1 does not answer</source>
        <translation>der X-Server unter DISPLAY=%1 antwortet nicht</translation>
    </message>
</context>
<context>
    <name>zp::FreedesktopScreenSaverIdleBackend</name>
    <message>
        <source>There is no D-Bus session bus.</source>
        <translation>Es ist kein D-Bus-Sitzungsbus vorhanden.</translation>
    </message>
    <message>
        <source>Nothing on the session bus provides %1.</source>
        <translation>Kein Dienst auf dem Sitzungsbus stellt %1 bereit.</translation>
    </message>
    <message>
        <source>%1 did not answer GetSessionIdleTime: %2</source>
        <translation>%1 hat nicht auf GetSessionIdleTime geantwortet: %2</translation>
    </message>
    <message>
        <source>%1 left the session bus.</source>
        <translation>%1 hat den Sitzungsbus verlassen.</translation>
    </message>
    <message>
        <source>%1 on the session bus, idle time on a deadline timer, sampled every %2 s while away</source>
        <translation>%1 auf dem Sitzungsbus, Leerlaufzeit per Fristtimer, während der Abwesenheit alle %2 s abgefragt</translation>
    </message>
    <message>
        <source>%1 stopped answering GetSessionIdleTime: %2</source>
        <translation>%1 antwortet nicht mehr auf GetSessionIdleTime: %2</translation>
    </message>
</context>
<context>
    <name>zp::GnomeMutterIdleBackend</name>
    <message>
        <source>There is no D-Bus session bus.</source>
        <translation>Es ist kein D-Bus-Sitzungsbus vorhanden.</translation>
    </message>
    <message>
        <source>Nothing on the session bus provides %1 (not a GNOME session).</source>
        <translation>Kein Dienst auf dem Sitzungsbus stellt %1 bereit (keine GNOME-Sitzung).</translation>
    </message>
    <message>
        <source>%1 did not answer GetIdletime: %2</source>
        <translation>%1 hat nicht auf GetIdletime geantwortet: %2</translation>
    </message>
    <message>
        <source>Could not subscribe to %1.WatchFired.</source>
        <translation>%1.WatchFired konnte nicht abonniert werden.</translation>
    </message>
    <message>
        <source>%1 left the session bus (the GNOME compositor ended or restarted).</source>
        <translation>%1 hat den Sitzungsbus verlassen (der GNOME-Compositor wurde beendet oder neu gestartet).</translation>
    </message>
    <message>
        <source>%1 on the session bus, server-side idle and active watches</source>
        <translation>%1 auf dem Sitzungsbus, serverseitige Überwachung von Leerlauf und Aktivität</translation>
    </message>
    <message>
        <source>%1 refused a watch: %2</source>
        <translation>%1 hat eine Überwachung abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>zp::IdleMonitor</name>
    <message>
        <source>not built into this version</source>
        <translation>in dieser Version nicht enthalten</translation>
    </message>
    <message>
        <source>Idle detection: %1</source>
        <translation>Abwesenheitserkennung: %1</translation>
    </message>
    <message>
        <source>No idle detection in this session: reporting idle</source>
        <translation>Keine Abwesenheitserkennung in dieser Sitzung: Status wird als abwesend gemeldet</translation>
    </message>
    <message>
        <source> (screen locked: idle)</source>
        <translation> (Bildschirm gesperrt: abwesend)</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>Sitzung: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1: works (%2)</source>
        <translation>%1: funktioniert (%2)</translation>
    </message>
    <message>
        <source>%1: unavailable (%2)</source>
        <translation>%1: nicht verfügbar (%2)</translation>
    </message>
    <message>
        <source>no detail</source>
        <translation>keine Angabe</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Gewählt: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Idle for: %1 s</source>
        <translation>Ohne Eingabe seit: %1 s</translation>
    </message>
    <message>
        <source>Idle for: this source cannot tell, only when it changes</source>
        <translation>Ohne Eingabe seit: diese Quelle meldet nur Wechsel, keine Dauer</translation>
    </message>
    <message>
        <source>Idle for: unknown</source>
        <translation>Ohne Eingabe seit: unbekannt</translation>
    </message>
    <message>
        <source>Screen: locked</source>
        <translation>Bildschirm: gesperrt</translation>
    </message>
    <message>
        <source>Screen: not locked</source>
        <translation>Bildschirm: nicht gesperrt</translation>
    </message>
    <message>
        <source>Next report: idle</source>
        <translation>Nächste Meldung: abwesend</translation>
    </message>
    <message>
        <source>Next report: active</source>
        <translation>Nächste Meldung: aktiv</translation>
    </message>
    <message>
        <source> (no idle source: idle unless this app&apos;s own window is in use)</source>
        <translation> (keine Abwesenheitsquelle: abwesend, außer wenn das eigene Fenster dieser Anwendung benutzt wird)</translation>
    </message>
</context>
<context>
    <name>zp::LastSeen</name>
    <message numerus="yes">
        <source>Active %n minute(s) ago</source>
        <translation>
            <numerusform>Vor %n Minute aktiv</numerusform>
            <numerusform>Vor %n Minuten aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active %n hour(s) ago</source>
        <translation>
            <numerusform>Vor einer Stunde aktiv</numerusform>
            <numerusform>Vor %n Stunden aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active %n day(s) ago</source>
        <translation>
            <numerusform>Vor einem Tag aktiv</numerusform>
            <numerusform>Vor %n Tagen aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Active now</source>
        <translation>Jetzt aktiv</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Not active in the last year</source>
        <translation>Im letzten Jahr nicht aktiv</translation>
    </message>
    <message>
        <source>Active an hour ago</source>
        <translation>Vor einer Stunde aktiv</translation>
    </message>
    <message>
        <source>Active yesterday</source>
        <translation>Gestern aktiv</translation>
    </message>
    <message>
        <source>Active %1</source>
        <translation>Am %1 aktiv</translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message numerus="yes">
        <source>Not active in the last %n day(s)</source>
        <translation>
            <numerusform>Am letzten Tag nicht aktiv</numerusform>
            <numerusform>In den letzten %n Tagen nicht aktiv</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zp::Main</name>
    <message>
        <source>the server %1 did not answer within 60 s.</source>
        <translation>der Server %1 hat nicht innerhalb von 60 s geantwortet.</translation>
    </message>
    <message>
        <source>another zulip-presence agent already reports for you; not starting a second one.</source>
        <translation>ein anderer zulip-presence-Agent meldet bereits für Sie; ein zweiter wird nicht gestartet.</translation>
    </message>
    <message>
        <source>no idle detection works in this session; reporting idle.</source>
        <translation>in dieser Sitzung funktioniert keine Abwesenheitserkennung; es wird „abwesend“ gemeldet.</translation>
    </message>
    <message>
        <source>a headless zulip-presence already reports for you; stop it before starting the tray agent.</source>
        <translation>ein zulip-presence ohne Oberfläche meldet bereits für Sie; beenden Sie es, bevor Sie den Agenten im Infobereich starten.</translation>
    </message>
    <message>
        <source>no Zulip account set up yet; the settings window is open to add one.</source>
        <translation>noch kein Zulip-Konto eingerichtet; das Einstellungsfenster ist geöffnet, um eines hinzuzufügen.</translation>
    </message>
    <message>
        <source>no display to show a tray icon on: %1. Start it in a desktop session, or use --headless to report without a tray, or --status.</source>
        <translation>keine Anzeige für ein Symbol im Infobereich: %1. Starten Sie es in einer Desktop-Sitzung, oder verwenden Sie --headless, um ohne Infobereich zu melden, oder --status.</translation>
    </message>
    <message>
        <source>zulip-presence is already running and showed its list; it keeps the account it has. To switch to %1, import it in its Settings, or quit it and start again.</source>
        <translation>zulip-presence läuft bereits und hat seine Liste gezeigt; es behält sein Konto. Um zu %1 zu wechseln, importieren Sie die Datei in seinen Einstellungen oder beenden Sie es und starten Sie neu.</translation>
    </message>
    <message>
        <source>no Zulip account set up: give your zuliprc with --zuliprc FILE (or save it as ~/.zuliprc), or add an account in the settings of the tray agent.</source>
        <translation>kein Zulip-Konto eingerichtet: geben Sie Ihre zuliprc mit --zuliprc DATEI an (oder speichern Sie sie als ~/.zuliprc), oder fügen Sie ein Konto in den Einstellungen des Tray-Agenten hinzu.</translation>
    </message>
</context>
<context>
    <name>zp::PopupWindow</name>
    <message>
        <source>Not reported yet</source>
        <translation>Noch nicht gemeldet</translation>
    </message>
    <message>
        <source>Reported %1 s ago</source>
        <translation>Vor %1 s gemeldet</translation>
    </message>
    <message numerus="yes">
        <source>Reported %n minute(s) ago</source>
        <translation>
            <numerusform>Vor %n Minute gemeldet</numerusform>
            <numerusform>Vor %n Minuten gemeldet</numerusform>
        </translation>
    </message>
    <message>
        <source>Last report at %1</source>
        <translation>Letzte Meldung um %1</translation>
    </message>
    <message>
        <source>Zulip presence</source>
        <translation>Zulip-Anwesenheit</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Personen suchen</translation>
    </message>
    <message>
        <source>Coworkers</source>
        <translation>Kollegen</translation>
    </message>
    <message>
        <source>Filled green dot: active. Half-filled orange dot: idle. Hollow grey ring: offline.</source>
        <translation>Gefüllter grüner Punkt: aktiv. Halb gefüllter orangefarbener Punkt: abwesend. Leerer grauer Ring: offline.</translation>
    </message>
    <message>
        <source>Send a direct message</source>
        <translation>Direktnachricht senden</translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation>Namen kopieren</translation>
    </message>
    <message>
        <source>Copy email</source>
        <translation>E-Mail-Adresse kopieren</translation>
    </message>
    <message>
        <source>Zulip</source>
        <translation>Zulip</translation>
    </message>
    <message>
        <source>%1 — %2 active, %3 idle</source>
        <translation>%1 — %2 aktiv, %3 abwesend</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>The data is stale: the dots may be out of date.</source>
        <translation>Die Daten sind veraltet: Die Punkte sind möglicherweise nicht aktuell.</translation>
    </message>
    <message>
        <source>Your organization has turned presence off; nobody&apos;s status is shown.</source>
        <translation>Ihre Organisation hat die Anwesenheitsanzeige deaktiviert; es wird kein Status angezeigt.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>No Zulip account in use; add one in Settings.</source>
        <translation>Kein Zulip-Konto in Gebrauch; fügen Sie eines in den Einstellungen hinzu.</translation>
    </message>
</context>
<context>
    <name>zp::PresenceAgent</name>
    <message>
        <source>The network is unavailable; waiting for it to come back.</source>
        <translation>Das Netzwerk ist nicht verfügbar; es wird gewartet, bis es wieder verfügbar ist.</translation>
    </message>
    <message>
        <source>The server&apos;s registration answer is unusable: %1 is missing or of the wrong type.</source>
        <translation>Die Antwort des Servers auf die Registrierung ist unbrauchbar: %1 fehlt oder hat den falschen Typ.</translation>
    </message>
    <message>
        <source>The server&apos;s presence answer is unusable: %1.</source>
        <translation>Die Anwesenheitsantwort des Servers ist unbrauchbar: %1.</translation>
    </message>
    <message>
        <source>The server&apos;s event answer is unusable.</source>
        <translation>Die Ereignisantwort des Servers ist unbrauchbar.</translation>
    </message>
    <message>
        <source>Your organization has turned presence off; nobody&apos;s availability can be shown.</source>
        <translation>Ihre Organisation hat die Anwesenheitsanzeige deaktiviert; es kann keine Verfügbarkeit angezeigt werden.</translation>
    </message>
    <message>
        <source>The server currently shares no presence data; coworkers&apos; availability cannot be shown.</source>
        <translation>Der Server stellt derzeit keine Anwesenheitsdaten bereit; die Verfügbarkeit von Kollegen kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>The server&apos;s presence data is unusable: %1.</source>
        <translation>Die Anwesenheitsdaten des Servers sind unbrauchbar: %1.</translation>
    </message>
    <message>
        <source>%1 is a bot; Zulip keeps presence for people only. Use your own account: log in with your email, or import your own zuliprc.</source>
        <translation>%1 ist ein Bot; Zulip zeigt Anwesenheit nur für Menschen an. Verwenden Sie Ihr eigenes Konto: Melden Sie sich mit Ihrer E-Mail-Adresse an oder importieren Sie Ihre eigene zuliprc.</translation>
    </message>
    <message>
        <source>The server %1 did not apply the change; your availability stays as it was.</source>
        <translation>Der Server %1 hat die Änderung nicht übernommen; Ihre Verfügbarkeit bleibt, wie sie war.</translation>
    </message>
    <message>
        <source>The server&apos;s registration answer is not JSON the agent can read.</source>
        <translation>Die Antwort des Servers auf die Registrierung ist kein JSON, das der Agent lesen kann.</translation>
    </message>
</context>
<context>
    <name>zp::SampledIdleBackend</name>
    <message>
        <source>The operating system stopped reporting the idle time.</source>
        <translation>Das Betriebssystem meldet die Leerlaufzeit nicht mehr.</translation>
    </message>
</context>
<context>
    <name>zp::SessionWatcher</name>
    <message>
        <source>no system bus</source>
        <translation>kein Systembus</translation>
    </message>
    <message>
        <source>%1 is not on the system bus</source>
        <translation>%1 ist nicht auf dem Systembus</translation>
    </message>
    <message>
        <source>logind answers, but this process is in no login session (%1); sleep is watched, the lock is not</source>
        <translation>logind antwortet, aber dieser Prozess gehört zu keiner Anmeldesitzung (%1); der Ruhezustand wird überwacht, die Sperre nicht</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>Sitzung %1</translation>
    </message>
    <message>
        <source>the system bus does not answer</source>
        <translation>der Systembus antwortet nicht</translation>
    </message>
</context>
<context>
    <name>zp::Settings</name>
    <message>
        <source>The settings file %1 is not a regular file; using defaults.</source>
        <translation>Die Einstellungsdatei %1 ist keine normale Datei; es gelten die Standardwerte.</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged; using defaults until it is saved again.</source>
        <translation>Die Einstellungsdatei %1 ist beschädigt; bis sie neu gespeichert wird, gelten die Standardwerte.</translation>
    </message>
    <message>
        <source>The settings file %1 cannot be read; using defaults.</source>
        <translation>Die Einstellungsdatei %1 kann nicht gelesen werden; es gelten die Standardwerte.</translation>
    </message>
    <message>
        <source>it is not a regular file.</source>
        <translation>Das ist keine normale Datei.</translation>
    </message>
    <message>
        <source>the file there cannot be read, and is kept as it is.</source>
        <translation>Die vorhandene Datei kann nicht gelesen werden und bleibt unverändert.</translation>
    </message>
    <message>
        <source>the damaged file there cannot be moved aside, and is kept as it is.</source>
        <translation>Die beschädigte Datei kann nicht beiseitegelegt werden und bleibt unverändert.</translation>
    </message>
    <message>
        <source>the folder or the disk does not accept the file.</source>
        <translation>Der Ordner oder das Laufwerk nimmt die Datei nicht an.</translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: %2 The change is lost when the agent quits.</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden: %2 Die Änderung geht verloren, wenn der Agent beendet wird.</translation>
    </message>
</context>
<context>
    <name>zp::SettingsController</name>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 ist zurück</translation>
    </message>
    <message>
        <source>%1 is active on Zulip now.</source>
        <translation>%1 ist jetzt in Zulip aktiv.</translation>
    </message>
</context>
<context>
    <name>zp::SettingsDialog</name>
    <message>
        <source>Zulip presence settings</source>
        <translation>Einstellungen für Zulip-Anwesenheit</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Log in with password</source>
        <translation>Mit Passwort anmelden</translation>
    </message>
    <message>
        <source>Import zuliprc file…</source>
        <translation>zuliprc-Datei importieren…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Use this account</source>
        <translation>Dieses Konto verwenden</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Show my availability to others</source>
        <translation>Meine Verfügbarkeit anderen anzeigen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Show offline coworkers in the list</source>
        <translation>Offline-Kollegen in der Liste anzeigen</translation>
    </message>
    <message>
        <source>Count me as idle after:</source>
        <translation>Als abwesend gelten nach:</translation>
    </message>
    <message>
        <source>Tell me when one of these coworkers is back (turns active after being idle or offline):</source>
        <translation>Benachrichtigen, wenn einer dieser Kollegen zurück ist (nach Abwesenheit oder Offline-Zeit wieder aktiv wird):</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Nach Namen filtern</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation>Proxy-Einstellungen des Systems</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>This HTTP proxy:</source>
        <translation>Dieser HTTP-Proxy:</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Enter the server, your email and your password first.</source>
        <translation>Geben Sie zuerst den Server, Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Import zuliprc file</source>
        <translation>zuliprc-Datei importieren</translation>
    </message>
    <message>
        <source>Imported %1; press “Use this account” to save its key in the system keychain.</source>
        <translation>%1 importiert; klicken Sie auf „Dieses Konto verwenden“, um den Schlüssel im Schlüsselbund des Systems zu speichern.</translation>
    </message>
    <message>
        <source>The account needs a server address, an email and an API key.</source>
        <translation>Für das Konto werden eine Serveradresse, eine E-Mail-Adresse und ein API-Schlüssel benötigt.</translation>
    </message>
    <message>
        <source>Saving the API key in the system keychain…</source>
        <translation>API-Schlüssel wird im Schlüsselbund des Systems gespeichert…</translation>
    </message>
    <message>
        <source>Saved. Reporting as %1 on %2.</source>
        <translation>Gespeichert. Anwesenheit wird als %1 auf %2 gemeldet.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Could not change this setting: %1</source>
        <translation>Diese Einstellung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>No idle monitor in this process.</source>
        <translation>In diesem Prozess gibt es keine Abwesenheitserkennung.</translation>
    </message>
    <message>
        <source>Idle detection</source>
        <translation>Abwesenheitserkennung</translation>
    </message>
    <message>
        <source>Never stored</source>
        <translation>Wird nie gespeichert</translation>
    </message>
    <message>
        <source>Only sent to the server to fetch the API key; never stored.</source>
        <translation>Wird nur an den Server geschickt, um den API-Schlüssel zu holen; nie gespeichert.</translation>
    </message>
</context>
<context>
    <name>zp::SingleInstance</name>
    <message>
        <source>Another zulip-presence is starting at this moment.</source>
        <translation>Gerade wird eine andere Instanz von zulip-presence gestartet.</translation>
    </message>
    <message>
        <source>Cannot create the agent&apos;s socket %1 (%2).</source>
        <translation>Der Socket %1 des Agenten kann nicht erstellt werden (%2).</translation>
    </message>
</context>
<context>
    <name>zp::StatusArt</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Filled green dot: active</source>
        <translation>Gefüllter grüner Punkt: aktiv</translation>
    </message>
    <message>
        <source>Half-filled orange dot: idle</source>
        <translation>Halb gefüllter orangefarbener Punkt: abwesend</translation>
    </message>
    <message>
        <source>Hollow grey ring: offline</source>
        <translation>Leerer grauer Ring: offline</translation>
    </message>
</context>
<context>
    <name>zp::TrayController</name>
    <message>
        <source>Open the list</source>
        <translation>Liste öffnen</translation>
    </message>
    <message>
        <source>Show me as available</source>
        <translation>Mich als verfügbar anzeigen</translation>
    </message>
    <message>
        <source>Zulip presence</source>
        <translation>Zulip-Anwesenheit</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>You: active</source>
        <translation>Sie: aktiv</translation>
    </message>
    <message>
        <source>You: idle</source>
        <translation>Sie: abwesend</translation>
    </message>
    <message>
        <source>You: invisible (not sharing your availability)</source>
        <translation>Sie: unsichtbar (Ihre Verfügbarkeit wird nicht geteilt)</translation>
    </message>
    <message>
        <source>No Zulip account is configured</source>
        <translation>Es ist kein Zulip-Konto eingerichtet</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Zulip presence
%1
%2 active, %3 idle, %4 offline</source>
        <translation>Zulip-Anwesenheit
%1
%2 aktiv, %3 abwesend, %4 offline</translation>
    </message>
</context>
<context>
    <name>zp::WaylandConnection</name>
    <message>
        <source>The Wayland compositor at %1 removed the seat whose input we watch.</source>
        <translation>Der Wayland-Compositor unter %1 hat den Seat entfernt, dessen Eingaben überwacht werden.</translation>
    </message>
    <message>
        <source>WAYLAND_DISPLAY is not set, so there is no Wayland compositor to ask about idle time.</source>
        <translation>WAYLAND_DISPLAY ist nicht gesetzt, daher gibt es keinen Wayland-Compositor, der nach der Leerlaufzeit gefragt werden kann.</translation>
    </message>
    <message>
        <source>Cannot connect to the Wayland compositor at WAYLAND_DISPLAY=%1 (%2).</source>
        <translation>Verbindung zum Wayland-Compositor unter WAYLAND_DISPLAY=%1 nicht möglich (%2).</translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 did not answer.</source>
        <translation>Der Wayland-Compositor unter %1 hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 offers no seat, so no input to watch.</source>
        <translation>Der Wayland-Compositor unter %1 bietet keinen Seat, daher gibt es keine Eingaben zu überwachen.</translation>
    </message>
    <message>
        <source>The connection to the Wayland compositor at %1 was lost (%2).</source>
        <translation>Die Verbindung zum Wayland-Compositor unter %1 wurde unterbrochen (%2).</translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 rejected a request (%2 error %3).</source>
        <translation>Der Wayland-Compositor unter %1 hat eine Anfrage abgelehnt (%2, Fehler %3).</translation>
    </message>
</context>
<context>
    <name>zp::WaylandIdleBackend</name>
    <message>
        <source>The Wayland compositor at %1 does not offer %2.</source>
        <translation>Der Wayland-Compositor unter %1 bietet %2 nicht an.</translation>
    </message>
    <message>
        <source>The Wayland compositor at %1 did not answer.</source>
        <translation>Der Wayland-Compositor unter %1 hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>Wayland compositor at %1, %2 version %3</source>
        <translation>Wayland-Compositor unter %1, %2 Version %3</translation>
    </message>
    <message>
        <source> (idle inhibitors such as a playing video hold off idle)</source>
        <translation> (Leerlaufsperren, etwa durch ein laufendes Video, verzögern die Abwesenheit)</translation>
    </message>
</context>
<context>
    <name>zp::WindowsIdleBackend</name>
    <message>
        <source>Windows does not report the last input time in this session.</source>
        <translation>Windows meldet in dieser Sitzung nicht den Zeitpunkt der letzten Eingabe.</translation>
    </message>
    <message>
        <source>GetLastInputInfo, session lock notifications</source>
        <translation>GetLastInputInfo, Benachrichtigungen über Sitzungssperren</translation>
    </message>
    <message>
        <source>GetLastInputInfo, no session lock notifications</source>
        <translation>GetLastInputInfo, keine Benachrichtigungen über Sitzungssperren</translation>
    </message>
</context>
<context>
    <name>zp::XConnection</name>
    <message>
        <source>DISPLAY is not set, so there is no X server to ask about idle time.</source>
        <translation>DISPLAY ist nicht gesetzt, daher gibt es keinen X-Server, der nach der Leerlaufzeit gefragt werden kann.</translation>
    </message>
    <message>
        <source>Cannot connect to the X server at DISPLAY=%1.</source>
        <translation>Verbindung zum X-Server unter DISPLAY=%1 nicht möglich.</translation>
    </message>
    <message>
        <source>The connection to the X server at %1 was lost.</source>
        <translation>Die Verbindung zum X-Server unter %1 wurde unterbrochen.</translation>
    </message>
    <message>
        <source>The X server at %1 rejected a request (%2, opcode %3.%4).</source>
        <translation>Der X-Server unter %1 hat eine Anfrage abgelehnt (%2, Opcode %3.%4).</translation>
    </message>
</context>
<context>
    <name>zp::XScreenSaverIdleBackend</name>
    <message>
        <source>The X server at %1 has no MIT-SCREEN-SAVER extension.</source>
        <translation>Der X-Server unter %1 hat keine MIT-SCREEN-SAVER-Erweiterung.</translation>
    </message>
    <message>
        <source>The X server at %1 did not answer an idle-time query.</source>
        <translation>Der X-Server unter %1 hat eine Abfrage der Leerlaufzeit nicht beantwortet.</translation>
    </message>
    <message>
        <source>X server at %1, MIT-SCREEN-SAVER idle time on a deadline timer</source>
        <translation>X-Server unter %1, MIT-SCREEN-SAVER-Leerlaufzeit per Fristtimer</translation>
    </message>
</context>
<context>
    <name>zp::XSyncIdleBackend</name>
    <message>
        <source>The X server at %1 has no SYNC extension.</source>
        <translation>Der X-Server unter %1 hat keine SYNC-Erweiterung.</translation>
    </message>
    <message>
        <source>The X server at %1 refused to initialise its SYNC extension.</source>
        <translation>Der X-Server unter %1 hat die Initialisierung seiner SYNC-Erweiterung verweigert.</translation>
    </message>
    <message>
        <source>The X server at %1 failed while being asked for its counters.</source>
        <translation>Beim Abfragen der Zähler des X-Servers unter %1 ist ein Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The X server at %1 has no IDLETIME counter.</source>
        <translation>Der X-Server unter %1 hat keinen IDLETIME-Zähler.</translation>
    </message>
    <message>
        <source>X server at %1, SYNC %2.%3 IDLETIME alarms</source>
        <translation>X-Server unter %1, IDLETIME-Alarme über SYNC %2.%3</translation>
    </message>
</context>
<context>
    <name>zp::ZulipClient</name>
    <message>
        <source>The account needs a server address, an email and an API key.</source>
        <translation>Für das Konto werden eine Serveradresse, eine E-Mail-Adresse und ein API-Schlüssel benötigt.</translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation>Die Serveradresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The server %1 uses plain http://, which would send your API key unencrypted; use its https:// address.</source>
        <translation>Der Server %1 verwendet unverschlüsseltes http://, wodurch Ihr API-Schlüssel unverschlüsselt gesendet würde; verwenden Sie seine https://-Adresse.</translation>
    </message>
    <message>
        <source>The zuliprc file asks to skip certificate checks (insecure=true), which would let anyone on the network read your API key. Give the server&apos;s CA certificate as cert_bundle instead.</source>
        <translation>Die zuliprc-Datei verlangt, die Zertifikatsprüfung zu überspringen (insecure=true), wodurch jeder im Netzwerk Ihren API-Schlüssel lesen könnte. Geben Sie stattdessen das CA-Zertifikat des Servers als cert_bundle an.</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>The server %1 did not answer in time.</source>
        <translation>Der Server %1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>The server name %1 cannot be found; check the address and the network.</source>
        <translation>Der Servername %1 wurde nicht gefunden; prüfen Sie die Adresse und das Netzwerk.</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached: %2.</source>
        <translation>Der Server %1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>The server did not accept the email and API key.</source>
        <translation>Der Server hat die E-Mail-Adresse und den API-Schlüssel nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The server did not accept the email and API key: %1</source>
        <translation>Der Server hat die E-Mail-Adresse und den API-Schlüssel nicht akzeptiert: %1</translation>
    </message>
    <message>
        <source>The server asks us to slow down; waiting %1 s.</source>
        <translation>Der Server verlangt weniger Anfragen; es wird %1 s gewartet.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1): %2</source>
        <translation>Beim Server ist ein Problem aufgetreten (HTTP %1): %2</translation>
    </message>
    <message>
        <source>The server answered with HTTP %1 and no Zulip data; a proxy or the server itself may be failing.</source>
        <translation>Der Server hat mit HTTP %1 und ohne Zulip-Daten geantwortet; möglicherweise liegt ein Fehler bei einem Proxy oder beim Server selbst vor.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was empty.</source>
        <translation>Die Antwort des Servers war leer.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not Zulip&apos;s JSON (is a proxy or login page in the way?).</source>
        <translation>Die Antwort des Servers ist kein Zulip-JSON (steht ein Proxy oder eine Anmeldeseite im Weg?).</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer does not say whether it succeeded.</source>
        <translation>Die Antwort des Servers gibt nicht an, ob die Anfrage erfolgreich war.</translation>
    </message>
    <message>
        <source>The server %1 redirected the request to %2; it was not followed, so your API key went nowhere else. Check the server address.</source>
        <translation>Der Server %1 hat die Anfrage an %2 umgeleitet; der Umleitung wurde nicht gefolgt, Ihr API-Schlüssel ging also nirgendwo anders hin. Prüfen Sie die Serveradresse.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was larger than %1 MB; it was not read.</source>
        <translation>Die Antwort des Servers war größer als %1 MB; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>The server %1 did not finish its answer in time.</source>
        <translation>Der Server %1 hat seine Antwort nicht rechtzeitig beendet.</translation>
    </message>
    <message>
        <source>The server %1 stopped answering partway through.</source>
        <translation>Der Server %1 hat mitten in der Antwort aufgehört zu antworten.</translation>
    </message>
    <message>
        <source>The server %1 broke off its answer: %2.</source>
        <translation>Der Server %1 hat seine Antwort abgebrochen: %2.</translation>
    </message>
    <message>
        <source>The server %1 answered a %2 request with redirect %3 to %4, which would drop what was sent; it was not followed. Check the server address.</source>
        <translation>Der Server %1 hat eine %2-Anfrage mit der Umleitung %3 nach %4 beantwortet, die das Gesendete verwerfen würde; ihr wurde nicht gefolgt. Prüfen Sie die Serveradresse.</translation>
    </message>
    <message>
        <source>The server %1 redirected the request more than %2 times; it was given up. Check the server address.</source>
        <translation>Der Server %1 hat die Anfrage mehr als %2-mal umgeleitet; sie wurde aufgegeben. Prüfen Sie die Serveradresse.</translation>
    </message>
    <message>
        <source>The server asks us to slow down; waiting a little.</source>
        <translation>Der Server verlangt weniger Anfragen; es wird kurz gewartet.</translation>
    </message>
    <message>
        <source>The server address must not hold a user name or password (%1@); enter the address alone, and your email and API key in their own fields.</source>
        <translation>Die Serveradresse darf keinen Benutzernamen und kein Passwort enthalten (%1@); geben Sie nur die Adresse ein und E-Mail-Adresse und API-Schlüssel in ihren eigenen Feldern.</translation>
    </message>
    <message>
        <source>The account %1 is deactivated on %2; an administrator of the organization can reactivate it.</source>
        <translation>Das Konto %1 ist auf %2 deaktiviert; eine Administratorin oder ein Administrator der Organisation kann es wieder aktivieren.</translation>
    </message>
    <message>
        <source>The organization at %1 is deactivated.</source>
        <translation>Die Organisation auf %1 ist deaktiviert.</translation>
    </message>
    <message>
        <source>%1 asks for a login of its own before Zulip (HTTP 401, not Zulip&apos;s answer); a proxy or single sign-on page may be in the way.</source>
        <translation>%1 verlangt vor Zulip eine eigene Anmeldung (HTTP 401, keine Antwort von Zulip); vielleicht steht ein Proxy oder eine Single-Sign-on-Seite im Weg.</translation>
    </message>
</context>
<context>
    <name>zp::Zuliprc</name>
    <message>
        <source>%1, line %2: a section header must end with &apos;]&apos;.</source>
        <translation>%1, Zeile %2: Eine Abschnittsüberschrift muss mit &apos;]&apos; enden.</translation>
    </message>
    <message>
        <source>%1, line %2: a second [api] section; keep one.</source>
        <translation>%1, Zeile %2: ein zweiter [api]-Abschnitt; behalten Sie nur einen.</translation>
    </message>
    <message>
        <source>%1, line %2: expected &apos;name = value&apos;.</source>
        <translation>%1, Zeile %2: &apos;Name = Wert&apos; erwartet.</translation>
    </message>
    <message>
        <source>%1, line %2: &apos;%3&apos; is given twice in [api]; keep one.</source>
        <translation>%1, Zeile %2: &apos;%3&apos; steht zweimal in [api]; behalten Sie nur einen Eintrag.</translation>
    </message>
    <message>
        <source>%1 has no [api] section.</source>
        <translation>%1 hat keinen [api]-Abschnitt.</translation>
    </message>
    <message>
        <source>%1: the [api] section lacks %2.</source>
        <translation>%1: Im [api]-Abschnitt fehlt %2.</translation>
    </message>
    <message>
        <source>%1: site is not a valid URL.</source>
        <translation>%1: site ist keine gültige Adresse.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is not a regular file, so it cannot be a zuliprc file.</source>
        <translation>%1 ist keine gewöhnliche Datei und kann daher keine zuliprc-Datei sein.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is too large to be a zuliprc file.</source>
        <translation>%1 ist zu groß für eine zuliprc-Datei.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (it looks like UTF-16); save it as UTF-8.</source>
        <translation>%1 ist kein UTF-8-Text (es sieht nach UTF-16 aus); speichern Sie die Datei als UTF-8.</translation>
    </message>
</context>
</TS>
