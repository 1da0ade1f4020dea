// An HTTP answer that never ends, sent from its own thread (as a server would from its own
// process) as fast as the client takes it: for checking that a client stops reading at its cap.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <memory>

namespace zp::test {

class EndlessSender : public QThread {
public:
    // `firstBytes` start the body (a PNG signature, a JSON bracket); the rest is filler.
    explicit EndlessSender(QByteArray contentType, QByteArray firstBytes = {})
        : m_contentType(std::move(contentType)), m_firstBytes(std::move(firstBytes)) {
        m_listening = m_listener.listen(QHostAddress::LocalHost, 0);
        m_listener.moveToThread(this);
    }
    ~EndlessSender() override { wait(20000); }

    bool listening() const { return m_listening; }
    quint16 port() const { return m_listener.serverPort(); }
    // Body bytes the client has taken so far.
    qint64 sent() const { return m_sent; }

protected:
    void run() override {
        if (!m_listener.waitForNewConnection(10000))
            return;
        std::unique_ptr<QTcpSocket> socket(m_listener.nextPendingConnection());
        socket->waitForReadyRead(5000);
        socket->readAll();
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + m_contentType + "\r\n\r\n" +
                      m_firstBytes);
        const QByteArray chunk(256 * 1024, ' ');
        constexpr qint64 bound = 512 * 1024 * 1024; // the test's own limit
        while (m_sent < bound && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(chunk);
            if (!socket->waitForBytesWritten(5000))
                break;
            m_sent += chunk.size();
        }
    }

private:
    QTcpServer m_listener;
    bool m_listening = false;
    QByteArray m_contentType;
    QByteArray m_firstBytes;
    std::atomic<qint64> m_sent{0};
};

} // namespace zp::test
