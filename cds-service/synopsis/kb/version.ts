/**
 * Version of the knowledge base (labs, drug classes, conditions, safety rules, care gaps). Bump it
 * with every change to any of them: it is part of the synopsis cache key and of every synopsis.
 */
export const KNOWLEDGE_BASE_VERSION = '1.26.2';
