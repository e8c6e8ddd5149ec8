/** Implementation details of {@code dev.lrsched.listeners}. Not public API: may change without notice. */
package dev.lrsched.listeners.internal;
