#pragma once

#include "presence/StatusRule.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPalette>

namespace zp {

// The person's own state as the tray shows it.
enum class TrayState { Active, Idle, Invisible, Error, NotConfigured, Connecting };

// Colours shared by dots and the tray; the shapes differ too (filled, half-filled, hollow) so
// nobody has to tell green from orange to read them.
QColor statusColor(PresenceStatus status);

// Paints a coworker's dot in `rect` (a square): filled green, half-filled orange ring, hollow
// grey ring.
void paintPresenceDot(QPainter &painter, const QRectF &rect, PresenceStatus status);

// The word a screen reader says for a dot ("Active", "Idle", "Offline"), and what the dot
// looks like, for people who ask what the shapes mean.
QString statusWord(PresenceStatus status);
QString dotDescription(PresenceStatus status);

// A placeholder avatar: up to two initials on a circle whose colour derives from `seed`
// (the user id), so a person keeps their colour between runs.
void paintInitialsAvatar(QPainter &painter, const QRectF &rect, const QString &name, qint64 seed);
// A loaded avatar, clipped to a circle like Zulip's.
void paintAvatarImage(QPainter &painter, const QRectF &rect, const QImage &image);

// The tray icon for a state, drawn at every size panels ask for, with a contrasting outline so
// it reads on light and dark panels alike.
QIcon trayIcon(TrayState state);

// The search box's clear button, drawn in the palette's colours.
QIcon clearSearchIcon(const QPalette &palette);

} // namespace zp
