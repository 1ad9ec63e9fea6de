-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "documentSha256" TEXT;
