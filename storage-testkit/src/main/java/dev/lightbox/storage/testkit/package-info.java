/** The BlobStore contract suite and real S3 servers for tests. */
package dev.lightbox.storage.testkit;
