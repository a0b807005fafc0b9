#ifndef HARDEN_CSPAWN_H
#define HARDEN_CSPAWN_H

#include <spawn.h>

/// Adds "close every descriptor from `lowest` up" to `actions` (glibc's posix_spawn_file_actions_addclosefrom_np,
/// which glibc declares only under _GNU_SOURCE, out of Swift's reach).
int harden_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

#endif
