#pragma once

struct _XDisplay;

// Sends a request the X server must reject (BadWindow), without waiting for the answer.
// Kept apart so the test itself never sees Xlib's macros.
void sendBadRequest(_XDisplay *display);
