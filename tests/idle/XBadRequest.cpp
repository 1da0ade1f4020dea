#include "XBadRequest.h"

#include <X11/Xlib.h>

void sendBadRequest(_XDisplay *display) {
    // A fresh id from our own range names no window yet.
    XMapWindow(display, XAllocID(display));
}
