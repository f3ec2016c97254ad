/** The BlobStore contract: behaviour checks registered per group and requirement, run as dynamic tests. */
package dev.lightbox.storage.testkit.contract;
