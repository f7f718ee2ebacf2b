// The holder's Semaphore V4 identity (the kind @pcd/gpc's owner checks take), kept in this origin's localStorage under one
// key and exportable as @semaphore-protocol/identity's export() text (the Base64 private key).
import { Identity } from "@semaphore-protocol/identity";

const storageKey = "pod-demo.semaphore-identity";

export function loadOrCreateIdentity() {
  const saved = localStorage.getItem(storageKey);
  if (saved) {
    try {
      return Identity.import(saved);
    } catch {
      // A damaged entry is replaced below rather than left to fail every visit.
    }
  }
  return replaceIdentity();
}

export function replaceIdentity() {
  const identity = new Identity();
  localStorage.setItem(storageKey, identity.export());
  return identity;
}

export function importIdentity(text) {
  return Identity.import(text.trim());
}
