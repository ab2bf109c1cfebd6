/* ciro-task-source.h: timers that run where a task runs
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_timeout_add() puts a timer on the global default main context. A sync
 * or a request started from a thread with its own thread-default context
 * (as GTask and libsoup allow) would then wait for a timer that nobody
 * runs. These attach the timer to the task's own context instead, and
 * hand back the source itself, since a source id can only be removed
 * from the global context.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A timer of @ms milliseconds in @task's context. The caller owns the
 * returned reference; when @func returns G_SOURCE_REMOVE it drops it
 * with ciro_task_source_forget(), elsewhere with ciro_task_source_clear(). */
static inline GSource *
ciro_task_timeout (GTask *task, guint ms, GSourceFunc func, gpointer data, GDestroyNotify notify)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

/* Stops the timer, if any, and drops the reference. */
static inline void
ciro_task_source_clear (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Drops the reference to a timer that is ending by itself (from within
 * its callback, which returns G_SOURCE_REMOVE). */
static inline void
ciro_task_source_forget (GSource **source)
{
  g_clear_pointer (source, g_source_unref);
}

G_END_DECLS
