/** Dense integer ids for strings (event types, users, group values, properties), persisted in Chronicle Map. */
package io.troupe.storage.dictionary;
