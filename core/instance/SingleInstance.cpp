#include "instance/SingleInstance.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>

namespace zp {

namespace {
constexpr int answerTimeoutMs = 2000;
const QByteArray showRequest = "show\n";
// A headless start only asks who is there: it must not pop a list open on someone's screen.
const QByteArray whoRequest = "who\n";
const QByteArray answerTray = "tray\n";
const QByteArray answerShown = "shown\n";
const QByteArray answerHeadless = "headless\n";
} // namespace

SingleInstance::SingleInstance(Role role, const QString &socketPath, QObject *parent)
    : QObject(parent), m_role(role),
      m_path(socketPath.isEmpty() ? defaultSocketPath() : socketPath) {}

SingleInstance::~SingleInstance() {
    if (m_server)
        m_server->close(); // removes the socket file
}

QString SingleInstance::defaultSocketPath() {
    // XDG_RUNTIME_DIR is the user's own 0700 directory; Qt falls back to a private one it
    // creates under /tmp when the session does not set it.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return QDir(dir).filePath(QStringLiteral("zulip-presence.sock"));
}

SingleInstance::Outcome SingleInstance::claim() {
    // Two agents started at the same moment must not both find "nobody" and then remove each
    // other's socket: the check and the listen happen under a lock file.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(2 * answerTimeoutMs)) {
        m_error = tr("Another zulip-presence is starting at this moment.");
        return Outcome::Failed;
    }
    QLocalSocket probe;
    probe.connectToServer(m_path);
    if (probe.waitForConnected(answerTimeoutMs)) {
        probe.write(m_role == Role::Headless ? whoRequest : showRequest);
        probe.flush();
        QByteArray answer;
        while (!answer.endsWith('\n') && probe.waitForReadyRead(answerTimeoutMs))
            answer += probe.readAll();
        if (answer == answerHeadless)
            return Outcome::OtherIsHeadless;
        return m_role == Role::Headless ? Outcome::OtherIsTray : Outcome::OtherShowedPopup;
    }
    // Nobody answers: the file, if any, was left by an agent that did not exit cleanly.
    QLocalServer::removeServer(m_path);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_path)) {
        m_error = tr("Cannot create the agent's socket %1 (%2).")
                      .arg(QDir::toNativeSeparators(m_path), m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return Outcome::Failed;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *peer = m_server->nextPendingConnection()) {
            connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
            connect(peer, &QLocalSocket::readyRead, this, [this, peer] {
                if (!peer->canReadLine())
                    return;
                const QByteArray request = peer->readLine();
                if (request != showRequest && request != whoRequest) {
                    peer->disconnectFromServer();
                    return;
                }
                if (m_role == Role::Headless) {
                    peer->write(answerHeadless);
                } else if (request == whoRequest) {
                    peer->write(answerTray);
                } else {
                    Q_EMIT showRequested();
                    peer->write(answerShown);
                }
                peer->flush();
                peer->disconnectFromServer();
            });
        }
    });
    return Outcome::Primary;
}

} // namespace zp
