#pragma once

#include "presence/StatusRule.h"

#include <QColor>
#include <QIcon>
#include <QPainter>

namespace zp {

// The person's own state as the tray shows it.
enum class TrayState { Active, Idle, Invisible, Error, NotConfigured, Connecting };

// Colours shared by dots and the tray; the shapes differ too (filled, half-filled, hollow) so
// nobody has to tell green from orange to read them.
QColor statusColor(PresenceStatus status);

// Paints a coworker's dot in `rect` (a square): filled green, half-filled orange ring, hollow
// grey ring.
void paintPresenceDot(QPainter &painter, const QRectF &rect, PresenceStatus status);

// The tray icon for a state, drawn at every size panels ask for, with a contrasting outline so
// it reads on light and dark panels alike.
QIcon trayIcon(TrayState state);

} // namespace zp
