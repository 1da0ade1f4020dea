#pragma once

namespace zp {

// Hands memory freed after a large answer (the register snapshot, a full presence table)
// back to the operating system. glibc keeps freed heap pages for reuse; after parsing a
// 10 000-user answer that is about 20 MB the agent will not need again. No-op elsewhere.
void returnFreedMemory();

} // namespace zp
