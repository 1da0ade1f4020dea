// Avatar images for the URLs the dev realm hands out. QImage would need Qt Gui, so this writes
// a tiny PNG by hand: an identicon-like pattern whose colour derives from the URL path.
#pragma once

#include <QByteArray>

namespace zp::devrealm {

QByteArray avatarPng(const QByteArray &key, int size = 32);

} // namespace zp::devrealm
