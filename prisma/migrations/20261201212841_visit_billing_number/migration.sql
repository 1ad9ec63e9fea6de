-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "billingNumber" SERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Visit_billingNumber_key" ON "Visit"("billingNumber");
