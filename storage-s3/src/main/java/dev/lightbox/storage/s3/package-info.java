/** The S3 backend of the storage SDK. */
package dev.lightbox.storage.s3;
