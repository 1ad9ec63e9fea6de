-- CreateTable
CREATE TABLE "EhrPathologyDelivery" (
    "connectionId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "lesionId" TEXT NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EhrPathologyDelivery_pkey" PRIMARY KEY ("connectionId","messageId")
);

-- CreateIndex
CREATE INDEX "EhrPathologyDelivery_visitId_idx" ON "EhrPathologyDelivery"("visitId");
